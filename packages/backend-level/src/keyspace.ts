/**
 * The LevelDB keyspace: every stored key is `namespace \0 tenant \0 key` as UTF-8. Namespaces,
 * tenants and keys cannot contain U+0000, so the layout is unambiguous, and LevelDB's bytewise
 * order on UTF-8 equals Mnemo's key order: a handle's keys, prefix scans and bound scans are
 * all contiguous ranges.
 */
export class Keyspace {
  /** Every stored key of this (namespace, tenant) starts with this. */
  readonly prefix: string;
  /** The smallest string above every stored key of this (namespace, tenant). */
  readonly end: string;

  constructor(namespace: string, tenant: string) {
    this.prefix = `${namespace}\0${tenant}\0`;
    this.end = `${namespace}\0${tenant}\u0001`;
  }

  stored(key: string): string {
    return this.prefix + key;
  }

  user(stored: string): string {
    return stored.slice(this.prefix.length);
  }
}

/**
 * The key a background sync writes (with `sync: true`) to flush the log. No namespace starts
 * with U+0000, so no handle can ever see or clear it.
 */
export const SYNC_MARKER_KEY = "\0mnemo\0sync";
