/**
 * What a key-value benchmark case drives: Mnemo's backends and the raw drivers beside them
 * implement the same small surface so every figure compares the same work.
 */
export interface KvTarget {
  /** How the report names it, e.g. "mnemo level (safe)" or "classic-level (sync)". */
  readonly name: string;
  get(key: string): Promise<unknown>;
  set(key: string, value: Uint8Array): Promise<void>;
  getMany(keys: readonly string[]): Promise<unknown>;
  /** Atomic where the target can be. */
  setMany(entries: readonly (readonly [string, Uint8Array])[]): Promise<void>;
  /**
   * A checked commit: `check` must still hold what this target last committed to it (or be
   * absent the first time), then `check` and the `puts` keys are written, all or nothing (a
   * record and two index entries). Returns whether the check held.
   */
  checkedCommit?(check: string, puts: readonly (readonly [string, Uint8Array])[]): Promise<boolean>;
  /** Adds 1 to the 64-bit counter at `key` (absent = 0). */
  increment?(key: string): Promise<void>;
  /** Reads every entry whose key starts with `prefix`; returns how many. `undefined`: not supported. */
  scanPrefix?(prefix: string): Promise<number>;
  close(): Promise<void>;
}
