/**
 * Facts in storage: the head, the versions, the current-version index, and the one checked
 * commit that changes them. Every transaction on a fact reads its head with its version and
 * commits the head, the versions it closes and adds, and their index entries guarded by that
 * version: two writers can never both close the same current version, and index entries are
 * never written for a transaction that did not happen.
 */
import {
  describe,
  jsonRecordCodec,
  type Mutation,
  type StorageBackend,
  StorageError,
  transact,
} from "@mnemo/core";
import {
  currentKey,
  currentRange,
  type FactKind,
  headKey,
  INDEX_VALUE,
  requireKeyLength,
  versionKey,
  versionRange,
} from "./keys.js";
import {
  believedAt,
  type Change,
  containsValid,
  type FactHead,
  nextHead,
  nextTx,
  overlaps,
  retract,
  type StoredVersion,
  type Tx,
  writeInterval,
} from "./versions.js";

export const headCodec = jsonRecordCodec<FactHead<unknown>>(2);
export const versionCodec = jsonRecordCodec<StoredVersion<unknown>>(2);

/**
 * Most current versions one transaction may close: a commit holds at most 1,000 mutations,
 * and each closed version costs two. A fact believed in more pieces than this over the
 * interval changed must be changed over smaller intervals.
 */
export const MAX_CLOSED_VERSIONS = 400;

export interface AsOfTimes {
  readonly validAt: number;
  readonly knownAt: number;
}

export interface FactStoreOptions {
  readonly now: () => number;
  readonly maxAttempts: number;
  /** The index keys a version's data needs (type, endpoints). */
  readonly indexKeys: (kind: FactKind, id: string, data: unknown) => string[];
}

/** What a write wants done over valid time, or a retraction of every current belief. */
export type WriteSpec<D> =
  | {
      readonly kind: "interval";
      readonly from: number;
      readonly to: number | null;
      readonly data: D | null;
    }
  | { readonly kind: "retract" };

const decodeVersion = <D>(bytes: Uint8Array, key: string) =>
  versionCodec.decode(bytes, key) as StoredVersion<D>;

export class FactStore {
  readonly #store: StorageBackend;
  readonly #options: FactStoreOptions;

  constructor(store: StorageBackend, options: FactStoreOptions) {
    this.#store = store;
    this.#options = options;
  }

  async head<D>(kind: FactKind, id: string): Promise<FactHead<D> | undefined> {
    const key = headKey(kind, id);
    const bytes = await this.#store.get(key);
    return bytes === undefined ? undefined : (headCodec.decode(bytes, key) as FactHead<D>);
  }

  async heads<D>(kind: FactKind, ids: readonly string[]): Promise<Map<string, FactHead<D>>> {
    const out = new Map<string, FactHead<D>>();
    if (ids.length === 0) return out;
    const keys = new Map(ids.map((id) => [headKey(kind, id), id]));
    for (const [key, bytes] of await this.#store.getBatch(keys.keys())) {
      out.set(keys.get(key)!, headCodec.decode(bytes, key) as FactHead<D>);
    }
    return out;
  }

  /**
   * The version true at `validAt` as believed at `knownAt`. From the head alone when the read
   * is as of now and at or after the latest current version (the common read); else one
   * backward scan of the current versions (as of now) or of the versions (as of the past).
   */
  async asOf<D>(
    kind: FactKind,
    id: string,
    head: FactHead<D> | undefined,
    { validAt, knownAt }: AsOfTimes,
  ): Promise<StoredVersion<D> | undefined> {
    if (head === undefined) return undefined;
    if (knownAt >= head.lastTx) {
      // Nothing changed since knownAt: what is believed then is what is current.
      const tail = head.tail;
      if (tail === null) return undefined;
      if (validAt >= tail.validFrom) return containsValid(tail, validAt) ? tail : undefined;
      const { gte } = currentRange(kind, id);
      const scan = this.#store.scan({
        gte,
        lte: currentKey(kind, id, validAt),
        reverse: true,
        limit: 1,
      });
      for await (const [key, bytes] of scan) {
        const version = decodeVersion<D>(bytes, key);
        return containsValid(version, validAt) ? version : undefined;
      }
      return undefined;
    }
    // As of the past: the versions believed then are disjoint in valid time, so the first
    // one found (newest first) believed at knownAt and true at validAt is the answer.
    for await (const [key, bytes] of this.#store.scan({
      ...versionRange(kind, id),
      reverse: true,
    })) {
      const version = decodeVersion<D>(bytes, key);
      if (believedAt(version, knownAt) && containsValid(version, validAt)) return version;
    }
    return undefined;
  }

  /** `asOf` for many facts: one `getBatch` of heads, then a scan for each read the heads cannot answer. */
  async asOfMany<D>(
    kind: FactKind,
    ids: readonly string[],
    times: AsOfTimes,
  ): Promise<Map<string, StoredVersion<D>>> {
    const heads = await this.heads<D>(kind, ids);
    const out = new Map<string, StoredVersion<D>>();
    await mapLimit([...heads], 16, async ([id, head]) => {
      const version = await this.asOf(kind, id, head, times);
      if (version !== undefined) out.set(id, version);
    });
    return out;
  }

  /** One page of a fact's versions, oldest transaction first, after `after` (seq, n). */
  async history<D>(
    kind: FactKind,
    id: string,
    after: readonly [number, number] | undefined,
    limit: number,
  ): Promise<{ versions: StoredVersion<D>[]; more: boolean }> {
    const range = versionRange(kind, id);
    const lower =
      after === undefined ? { gte: range.gte } : { gt: versionKey(kind, id, after[0], after[1]) };
    const versions: StoredVersion<D>[] = [];
    for await (const [key, bytes] of this.#store.scan({
      ...lower,
      ...(range.lt && { lt: range.lt }),
      limit: limit + 1,
    })) {
      versions.push(decodeVersion<D>(bytes, key));
    }
    const more = versions.length > limit;
    return { versions: versions.slice(0, limit), more };
  }

  /**
   * Applies one transaction to one fact in one checked commit guarded by the head's version
   * (retried on contention, `CONFLICT` after `maxAttempts`). `refuse` runs on the head read
   * and may throw (e.g. `NOT_FOUND`). Returns the new head, or `undefined` when nothing
   * changed.
   */
  async write<D>(
    kind: FactKind,
    id: string,
    spec: WriteSpec<D>,
    refuse?: (head: FactHead<D> | undefined) => void,
  ): Promise<{ head: FactHead<D>; change: Change<D> } | undefined> {
    const hKey = requireKeyLength(headKey(kind, id), "id");
    const { result } = await transact(
      this.#store,
      async (tx) => {
        const entry = await tx.getEntry(hKey);
        const head =
          entry === undefined ? undefined : (headCodec.decode(entry.value, hKey) as FactHead<D>);
        refuse?.(head);
        const time = nextTx(head, this.#options.now());
        const { change, predecessor } = await this.#plan(kind, id, head, spec, time);
        if (change === undefined) return undefined;
        const next = nextHead(head, id, change, time, predecessor);
        for (const m of this.#mutations(kind, id, next, change)) {
          if (m.type === "put") tx.put(m.key, m.value);
          else tx.delete(m.key);
        }
        return { head: next, change };
      },
      { maxAttempts: this.#options.maxAttempts },
    ).catch((error: unknown) => {
      if (StorageError.is(error) && error.code === "CONFLICT") {
        throw new StorageError(
          "CONFLICT",
          `${kind} ${describe(id)} changed under ${this.#options.maxAttempts} attempts to update it; try again`,
          { cause: error, details: { kind, id, attempts: this.#options.maxAttempts } },
        );
      }
      throw error;
    });
    return result;
  }

  /** The mutations of a new fact (no other writer may touch it): for `importFacts`. */
  newFact<D>(kind: FactKind, id: string, from: number, data: D, tx: Tx): Mutation[] {
    const change = writeInterval<D>([], from, null, data, tx)!;
    return this.#mutations(kind, id, nextHead(undefined, id, change, tx, undefined), change);
  }

  async #plan<D>(
    kind: FactKind,
    id: string,
    head: FactHead<D> | undefined,
    spec: WriteSpec<D>,
    tx: Tx,
  ): Promise<{ change: Change<D> | undefined; predecessor: StoredVersion<D> | undefined }> {
    if (head === undefined || head.tail === null) {
      // Nothing is believed now: nothing to close.
      if (spec.kind === "retract") return { change: undefined, predecessor: undefined };
      return {
        change: writeInterval<D>([], spec.from, spec.to, spec.data, tx),
        predecessor: undefined,
      };
    }
    const range = currentRange(kind, id);
    if (spec.kind === "retract") {
      const current = await this.#scanCurrent<D>({ ...range }, MAX_CLOSED_VERSIONS + 1);
      this.#checkClosed(kind, id, current.length);
      return { change: retract(current, tx), predecessor: undefined };
    }
    const { from, to, data } = spec;
    // The two current versions starting before `from`: the first may reach into the
    // interval (then it is closed and the second precedes the closed run).
    const below = await this.#scanCurrent<D>(
      { gte: range.gte, lt: currentKey(kind, id, from), reverse: true },
      2,
    );
    const inside = await this.#scanCurrent<D>(
      {
        gte: currentKey(kind, id, from),
        ...(to === null ? range.lt && { lt: range.lt } : { lt: currentKey(kind, id, to) }),
      },
      MAX_CLOSED_VERSIONS + 1,
    );
    const first = below[0];
    const reaches = first !== undefined && overlaps(first, from, to);
    const overlapping = reaches ? [first, ...inside] : inside;
    this.#checkClosed(kind, id, overlapping.length);
    const predecessor = reaches ? below[1] : first;
    return { change: writeInterval(overlapping, from, to, data, tx), predecessor };
  }

  #checkClosed(kind: FactKind, id: string, count: number): void {
    if (count > MAX_CLOSED_VERSIONS) {
      throw new StorageError(
        "FAILED_PRECONDITION",
        `${kind} ${describe(id)} is believed in more than ${MAX_CLOSED_VERSIONS} pieces over the interval changed; change it over smaller intervals`,
        { details: { kind, id, limit: "MAX_CLOSED_VERSIONS", max: MAX_CLOSED_VERSIONS } },
      );
    }
  }

  async #scanCurrent<D>(
    options: { gte?: string; gt?: string; lt?: string; reverse?: boolean },
    limit: number,
  ): Promise<StoredVersion<D>[]> {
    const out: StoredVersion<D>[] = [];
    for await (const [key, bytes] of this.#store.scan({ ...options, limit })) {
      out.push(decodeVersion<D>(bytes, key));
    }
    return out;
  }

  #mutations<D>(kind: FactKind, id: string, head: FactHead<D>, change: Change<D>): Mutation[] {
    const out: Mutation[] = [];
    const put = (key: string, value: Uint8Array) => out.push({ type: "put", key, value });
    put(headKey(kind, id), headCodec.encode(head));
    for (const v of change.closed) {
      put(versionKey(kind, id, v.seq, v.n), versionCodec.encode(v));
      out.push({ type: "del", key: currentKey(kind, id, v.validFrom) });
    }
    const index = new Set<string>();
    for (const v of change.added) {
      const encoded = versionCodec.encode(v);
      put(versionKey(kind, id, v.seq, v.n), encoded);
      // After the deletes above: a carried-over piece keeps its start, and the put wins.
      put(currentKey(kind, id, v.validFrom), encoded);
      for (const k of this.#options.indexKeys(kind, id, v.data)) index.add(k);
    }
    for (const k of index) put(requireKeyLength(k, "id"), INDEX_VALUE);
    return out;
  }
}

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
