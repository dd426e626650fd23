/**
 * The deletes made through the dual writes while a backfill may be copying: what a copier
 * resumed after a kill needs to know about a key it may have written back after a delete.
 * The copier re-reads each batch from the source after writing it, which catches such a key
 * unless it was killed in between; then the resumed copier no longer finds the key in the
 * source (it is deleted), so only this log names it.
 *
 * Kept in the target's state namespace beside the migration record: one record per
 * (namespace, tenant, blake3 of the key), the key itself as the value, so a user key at the
 * length limit still fits; a `clear` leaves one marker per tenant. Written before the delete
 * (a record for a delete that then fails only costs a re-check), removed once the backfill
 * has finished.
 */
import {
  blake3Hex,
  type Entry,
  key,
  MAX_COMMIT_MUTATIONS,
  type StorageBackend,
  tupleRange,
} from "@mnemo/core";
import { STATE_NAMESPACE, STATE_TENANT } from "./state.js";

const utf8 = new TextEncoder();
const text = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** What the log holds for one tenant. */
export interface TenantDeletions {
  readonly keys: readonly string[];
  /** A `clear` went through the dual writes: every key may have been deleted. */
  readonly cleared: boolean;
}

export class DeletionLog {
  readonly #store: StorageBackend;
  readonly #namespace: string;

  /** `target`: the target store's root handle; `namespace`: the namespace migrated. */
  constructor(target: StorageBackend, namespace: string) {
    this.#store = target.forNamespace(STATE_NAMESPACE).forTenant(STATE_TENANT);
    this.#namespace = namespace;
  }

  async record(tenant: string, keys: readonly string[]): Promise<void> {
    const entries = keys.map(
      (k): Entry => [key("deleted", this.#namespace, tenant, blake3Hex(k)), utf8.encode(k)],
    );
    for (let i = 0; i < entries.length; i += MAX_COMMIT_MUTATIONS) {
      await this.#store.setBatch(entries.slice(i, i + MAX_COMMIT_MUTATIONS));
    }
  }

  async recordClear(tenant: string): Promise<void> {
    await this.#store.set(key("cleared", this.#namespace, tenant), EMPTY);
  }

  async of(tenant: string): Promise<TenantDeletions> {
    const keys: string[] = [];
    for await (const [, value] of this.#store.scan(
      tupleRange(["deleted", this.#namespace, tenant]),
    )) {
      keys.push(text.decode(value));
    }
    const cleared = await this.#store.exists(key("cleared", this.#namespace, tenant));
    return { keys, cleared };
  }

  /**
   * The keys of `tenant` logged as deleted, when no `clear` is logged and they are at most
   * `limit`; otherwise `undefined`: the log cannot name the keys cheaply.
   */
  async deletedKeys(tenant: string, limit: number): Promise<ReadonlySet<string> | undefined> {
    const range = { ...tupleRange(["deleted", this.#namespace, tenant]), limit: limit + 1 };
    const keys = new Set<string>();
    const [, cleared] = await Promise.all([
      (async () => {
        for await (const [, value] of this.#store.scan(range)) keys.add(text.decode(value));
      })(),
      this.#store.exists(key("cleared", this.#namespace, tenant)),
    ]);
    return cleared || keys.size > limit ? undefined : keys;
  }

  /** Removes every record of the namespace. */
  async clear(): Promise<void> {
    for (const kind of ["deleted", "cleared"]) {
      const range = tupleRange([kind, this.#namespace]);
      for (;;) {
        const keys: string[] = [];
        for await (const [k] of this.#store.scan({ ...range, limit: MAX_COMMIT_MUTATIONS })) {
          keys.push(k);
        }
        if (keys.length === 0) break;
        await this.#store.deleteBatch(keys);
      }
    }
  }
}
