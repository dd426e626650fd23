/**
 * The one thing a swap needs from a migration: "carry this component's data from the old
 * store to the new one while it serves". `swap.ts` drives the steps; the implementation over
 * `@mnemo/migration` is in `swap-migration.ts`.
 */
import type { StorageBackend } from "@mnemo/core";

export interface MoveProgress {
  readonly keys: number;
  readonly bytes: number;
}

/** One move of one namespace, begun in its first phase (writes go to both stores). */
export interface DataMove {
  /** The handle live calls of `tenant` use from now until the move ends. */
  serve(tenant: string): StorageBackend;
  /** Copies what the old store holds. Call it only once every writer uses `serve`. */
  backfill(): Promise<MoveProgress>;
  /** Compares both sides; rejects (and says which keys) when they differ. */
  verify(): Promise<void>;
  /** Routes reads to the new store (persisted): from here on the new store is authoritative. */
  cutOver(): Promise<void>;
  /** After the cut-over, once nothing serves through `serve`: deletes the old data. */
  finish(): Promise<void>;
  /** Before the cut-over: ends the move and removes the partial copy from the new store. */
  abandon(): Promise<void>;
}

export interface DataMover {
  /**
   * Begins a move. A leftover of a move that was killed (its state in the target) is
   * cleared first: the old store stayed authoritative, so the partial copy is worthless.
   */
  begin(old: StorageBackend, next: StorageBackend, namespace: string): Promise<DataMove>;
}

/** Whether `store` holds data in `namespace`, without reading more than the namespace list. */
export async function holdsNamespace(store: StorageBackend, namespace: string): Promise<boolean> {
  for await (const name of store.listNamespaces()) if (name === namespace) return true;
  return false;
}
