import { keyChecksum } from "./envelope.js";

/**
 * The LevelDB keyspace: every stored key is `namespace \0 tenant \0 key` as UTF-8. Namespaces,
 * tenants and keys cannot contain U+0000, so the layout is unambiguous, and LevelDB's bytewise
 * order on UTF-8 equals Mnemo's key order: a handle's keys, prefix scans and bound scans are
 * all contiguous ranges. Keys starting with U+0000 are the backend's own (below); no handle
 * can see them.
 */
export class Keyspace {
  /** Every stored key of this (namespace, tenant) starts with this. */
  readonly prefix: string;
  /** The smallest string above every stored key of this (namespace, tenant). */
  readonly end: string;

  /** The CRC of `prefix`: an entry's checksum continues it over the user key only. */
  readonly #prefixCrc: number;

  constructor(namespace: string, tenant: string) {
    this.prefix = `${namespace}\0${tenant}\0`;
    this.end = `${namespace}\0${tenant}\u0001`;
    this.#prefixCrc = keyChecksum(this.prefix);
  }

  /** `keyChecksum(stored(key))`, hashing only the key's own characters. */
  checksum(key: string): number {
    return keyChecksum(key, this.#prefixCrc);
  }

  stored(key: string): string {
    return this.prefix + key;
  }

  user(stored: string): string {
    return stored.slice(this.prefix.length);
  }
}

/** The key a background sync writes (with `sync: true`) to flush the log. */
export const SYNC_MARKER_KEY = "\0mnemo\0sync";
/** The commit clock's high-water mark (commit-clock.ts). */
export const COMMIT_CLOCK_KEY = "\0mnemo\0commit";
/** The store's value format (store-format.ts). */
export const FORMAT_KEY = "\0mnemo\0format";
/** The smallest stored key of any namespace: every key at or above it is user data. */
export const FIRST_DATA_KEY = "\u0001";
