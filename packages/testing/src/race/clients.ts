/**
 * The checked-commit race: clients that read a record and its index entry, then commit
 * "record at version v -> new record + moved index entry", and clients that race to create a
 * record only if it is absent. Run in one process (interleaved async clients) by the
 * conformance suite, and from child processes (`child.ts`) on multi-process backends.
 *
 * The checks afterwards (verify.ts) need nothing from the clients but their logs of successful commits:
 * per record the commits must form one chain (count 0 -> 1 -> ... -> n, each based on the
 * previous one: two commits based on the same read would be a lost update), the stored state
 * must be the chain's end, and every index entry must have its record and the other way round.
 */
import type { StorageBackend } from "@mnemo/core";
import { seededRandom } from "../random.js";

export const RACE_PREFIX = "race/";
const SLOTS = 5;

export const recordKey = (id: number) => `${RACE_PREFIX}rec/${id}`;
export const indexKey = (slot: number, id: number) => `${RACE_PREFIX}idx/${slot}/${id}`;
export const uniqueKey = (j: number) => `${RACE_PREFIX}uniq/${String(j).padStart(3, "0")}`;
export const ownerKey = (owner: string, j: number) =>
  `${RACE_PREFIX}own/${owner}/${String(j).padStart(3, "0")}`;
export const CREATED_KEY = `${RACE_PREFIX}created`;
const readyKey = (name: string) => `${RACE_PREFIX}ready/${name}`;

export interface RecordValue {
  readonly count: number;
  readonly slot: number;
}

const encode = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value), "utf8"));
export const decode = <T>(bytes: Uint8Array): T =>
  JSON.parse(Buffer.from(bytes).toString("utf8")) as T;

/** One successful move commit. */
export interface MoveLog {
  readonly client: string;
  readonly record: number;
  readonly from: number;
  readonly to: number;
  readonly slot: number;
  readonly version: string;
}

/** One successful create. */
export interface CreateLog {
  readonly client: string;
  readonly key: number;
}

export interface RaceClientOptions {
  /** Names the clients (`<name>-0`, `<name>-1`, ...); unique per process. */
  readonly name: string;
  readonly clients: number;
  readonly seed: number;
}

/** Lets other clients run between a read and its commit: 0-3 microtasks, or a macrotask. */
async function pause(random: () => number): Promise<void> {
  const r = random();
  if (r < 0.15) await new Promise((resolve) => setImmediate(resolve));
  else for (let i = Math.floor(r * 4); i > 0; i--) await Promise.resolve();
}

/** Creates `records` records at count 0, each with its index entry in slot 0. */
export async function setUpMoves(store: StorageBackend, records: number): Promise<void> {
  await store.write(
    Array.from({ length: records }, (_, id) => [
      { type: "put" as const, key: recordKey(id), value: encode({ count: 0, slot: 0 }) },
      { type: "put" as const, key: indexKey(0, id), value: encode(id) },
    ]).flat(),
  );
}

/** Clients each making `attempts` read-then-commit moves on random records. */
export async function runMoveClients(
  store: StorageBackend,
  options: RaceClientOptions & { readonly records: number; readonly attempts: number },
): Promise<MoveLog[]> {
  const logs: MoveLog[] = [];
  const client = async (c: number) => {
    const name = `${options.name}-${c}`;
    const random = seededRandom(options.seed * 1000 + c);
    for (let attempt = 0; attempt < options.attempts; attempt++) {
      const id = Math.floor(random() * options.records);
      const entry = await store.getEntry(recordKey(id));
      if (entry === undefined) throw new Error(`race: record ${id} vanished`);
      const { count, slot } = decode<RecordValue>(entry.value);
      // The index entry as this client sees it; a concurrent move may already have moved it.
      await store.getEntry(indexKey(slot, id));
      await pause(random);
      const next = (slot + 1 + Math.floor(random() * (SLOTS - 1))) % SLOTS;
      const result = await store
        .atomic()
        .check(recordKey(id), entry.version)
        .delete(indexKey(slot, id))
        .put(indexKey(next, id), encode(id))
        .put(recordKey(id), encode({ count: count + 1, slot: next }))
        .commit();
      if (result.ok) {
        logs.push({
          client: name,
          record: id,
          from: count,
          to: count + 1,
          slot: next,
          version: result.version,
        });
      } else if (result.failed.length !== 1 || result.failed[0] !== recordKey(id)) {
        throw new Error(`race: failed names ${JSON.stringify(result.failed)}, not the record`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return logs;
}

/** Clients racing to create each of `keys` records, each only if it is absent. */
export async function runCreateClients(
  store: StorageBackend,
  options: RaceClientOptions & { readonly keys: number },
): Promise<CreateLog[]> {
  const logs: CreateLog[] = [];
  const client = async (c: number) => {
    const name = `${options.name}-${c}`;
    const random = seededRandom(options.seed * 1000 + c);
    for (let j = 0; j < options.keys; j++) {
      if ((await store.getEntry(uniqueKey(j))) !== undefined) continue;
      await pause(random);
      const result = await store
        .atomic()
        .check(uniqueKey(j), null)
        .put(uniqueKey(j), encode(name))
        .put(ownerKey(name, j), new Uint8Array(0))
        .sum(CREATED_KEY, 1n)
        .commit();
      if (result.ok) logs.push({ client: name, key: j });
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return logs;
}

/**
 * Waits until `processes` participants (this one included) have announced themselves, so
 * child processes that start at different speeds still race each other. Bounded in time.
 */
export async function barrier(
  store: StorageBackend,
  name: string,
  processes: number,
): Promise<void> {
  await store.set(readyKey(name), new Uint8Array(0));
  const deadline = Date.now() + 30_000;
  while ((await store.listKeys(`${RACE_PREFIX}ready/`)).length < processes) {
    if (Date.now() > deadline) throw new Error(`race: only some of ${processes} processes arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
