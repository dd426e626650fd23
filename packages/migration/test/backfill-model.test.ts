/**
 * The backfill against a plain model, under every interleaving fast-check finds of copy
 * reads, live updates, live deletes (through the dualWrite handle) and copy writes: the copy
 * never overwrites a newer value, never brings back a deleted key, and ends equal. Twice:
 * settling each batch by re-reading the source, and by the deletion log the dual writes
 * keep (as `Migration.backfill` does; it re-reads when the log names more keys than a batch).
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import type { StorageBackend } from "@mnemo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeletionLog } from "../src/deletions.js";
import {
  type BatchPut,
  type BatchRead,
  type DeleteWitness,
  dualWrite,
  PhaseCell,
  putBatch,
  readBatch,
  settleBatches,
  writeBatch,
} from "../src/index.js";

const KEYS = ["a", "b", "c", "d", "e", "f", "g"];
const BATCH = 3;
const runs = process.env.CI ? 300 : 100;

type Command =
  | { readonly t: "set"; readonly key: string; readonly value: number }
  | { readonly t: "del"; readonly key: string }
  | { readonly t: "read" }
  | { readonly t: "write" };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant("set" as const), key: fc.constantFrom(...KEYS), value: fc.nat(255) }),
  fc.record({ t: fc.constant("del" as const), key: fc.constantFrom(...KEYS) }),
  fc.constant({ t: "read" as const }),
  fc.constant({ t: "write" as const }),
);

const initial = fc.dictionary(fc.constantFrom(...KEYS), fc.nat(255));

async function contents(store: StorageBackend): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const [key, value] of store.scan()) out[key] = value[0]!;
  return out;
}

/** How a batch is settled: by re-reading the source, or by the deletion log. */
const MODES = ["source re-read", "deletion log"] as const;
type Mode = (typeof MODES)[number];

/** The dual-write handle and the copy's witness of deletes for `mode`. */
function liveAndWitness(old: StorageBackend, target: StorageBackend, mode: Mode) {
  if (mode === "source re-read") {
    return { live: dualWrite(old, target, new PhaseCell("backfill")), deletes: undefined };
  }
  const log = new DeletionLog(target, old.namespace);
  const deletes: DeleteWitness = { deletedKeys: (limit) => log.deletedKeys(old.tenant, limit) };
  return { live: dualWrite(old, target, new PhaseCell("backfill"), { deletions: log }), deletes };
}

/**
 * Copies from `after` to the end: one batch at a time, or with the log, two batches put and
 * then settled together (as `Migration.backfill` settles a checkpoint's batches).
 */
async function finishCopy(
  old: StorageBackend,
  target: StorageBackend,
  after: string | undefined,
  deletes: DeleteWitness | undefined,
) {
  const group: BatchPut[] = [];
  for (;;) {
    const batch = await readBatch(old, after, BATCH);
    if (deletes === undefined) await writeBatch(old, target, batch);
    else {
      group.push(await putBatch(target, batch));
      if (group.length === 2 || batch.entries.length < BATCH) {
        await settleBatches(old, target, group.splice(0), deletes);
      }
    }
    if (batch.entries.length < BATCH) return;
    after = batch.lastKey;
  }
}

describe.each(MODES)("backfill model, settled by %s", (mode) => {
  it("never overwrites or resurrects, step by step, and ends equal", async () => {
    await fc.assert(
      fc.asyncProperty(initial, fc.array(command, { maxLength: 40 }), async (seed, commands) => {
        const old = await openMemoryBackend();
        const target = noOverwrites(await openMemoryBackend());
        const { live, deletes } = liveAndWitness(old, target, mode);
        const model = new Map<string, number>(Object.entries(seed));
        for (const [key, value] of model) await old.set(key, Uint8Array.of(value));
        let after: string | undefined;
        let pending: BatchRead | undefined;
        let finished = false;
        // With the log, batches put and not yet settled (two settle together, or the last).
        const unsettled: BatchPut[] = [];
        for (const c of commands) {
          if (c.t === "set") {
            await live.set(c.key, Uint8Array.of(c.value));
            model.set(c.key, c.value);
          } else if (c.t === "del") {
            await live.delete(c.key);
            model.delete(c.key);
          } else if (c.t === "read" && pending === undefined && !finished) {
            pending = await readBatch(old, after, BATCH);
          } else if (c.t === "write" && pending !== undefined) {
            finished = pending.entries.length < BATCH;
            if (deletes === undefined) await writeBatch(old, target, pending);
            else {
              unsettled.push(await putBatch(target, pending));
              if (unsettled.length === 2 || finished) {
                await settleBatches(old, target, unsettled.splice(0), deletes);
              }
            }
            after = pending.lastKey ?? after;
            pending = undefined;
          }
          // Whatever the target holds once settled is the model's current value: nothing
          // stale, nothing back.
          if (unsettled.length > 0) continue;
          for (const [key, value] of Object.entries(await contents(target))) {
            expect(model.get(key), `target key ${key}`).toBe(value);
          }
        }
        if (pending !== undefined) {
          if (deletes === undefined) await writeBatch(old, target, pending);
          else unsettled.push(await putBatch(target, pending));
          after = pending.lastKey ?? after;
        }
        await settleBatches(old, target, unsettled.splice(0), deletes);
        if (!finished) await finishCopy(old, target, after, deletes);
        expect(await contents(target)).toEqual(Object.fromEntries(model));
        expect(await contents(old)).toEqual(Object.fromEntries(model));
        await live.close();
      }),
      { numRuns: runs },
    );
  });

  it("ends equal when the copy and live writes run concurrently in any order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        initial,
        fc.array(
          command.filter((c) => c.t === "set" || c.t === "del"),
          { maxLength: 12 },
        ),
        async (s, seed, writes) => {
          const old = scheduled(await openMemoryBackend(), s);
          const target = scheduled(noOverwrites(await openMemoryBackend()), s);
          for (const [key, value] of Object.entries(seed))
            await old.unwrapped.set(key, Uint8Array.of(value));
          const { live, deletes } = liveAndWitness(old.handle, target.handle, mode);
          const model = new Map<string, number>(Object.entries(seed));
          const copy = finishCopy(old.handle, target.handle, undefined, deletes);
          // Each writer applies its commands in order; the copy interleaves anywhere.
          const writer = (async () => {
            for (const c of writes) {
              if (c.t === "set") {
                model.set(c.key, c.value);
                await live.set(c.key, Uint8Array.of(c.value));
              } else if (c.t === "del") {
                model.delete(c.key);
                await live.delete(c.key);
              }
            }
          })();
          await s.waitFor(Promise.all([copy, writer]));
          expect(await contents(target.unwrapped)).toEqual(Object.fromEntries(model));
          await live.close();
        },
      ),
      { numRuns: runs },
    );
  });
});

/**
 * The target, watched: the copy's writes (putAbsent, or any other write but `write`) must
 * never replace a value the target holds. Live writes and the copy's re-copy of keys that
 * moved (`mirrorKeys`) reach the target through `write`, which is not watched.
 */
const WATCHED = new Set(["putAbsent", "commit", "setBatch", "set", "compareAndSwap"]);

function noOverwrites(store: StorageBackend): StorageBackend {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof name !== "string" || !WATCHED.has(name)) {
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        const before = await contents(target);
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const after = await contents(target);
        for (const [key, was] of Object.entries(before)) {
          if (key in after) expect(after[key], `the copy overwrote ${key}`).toBe(was);
        }
        return result;
      };
    },
  });
}

/** A backend whose every async call first waits its turn on the fast-check scheduler. */
function scheduled(store: StorageBackend, s: fc.Scheduler) {
  const wrap = (inner: StorageBackend): StorageBackend =>
    new Proxy(inner, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        if (name === "forTenant" || name === "forNamespace") {
          return (arg: string) => wrap(value.call(target, arg));
        }
        if (
          [
            "get",
            "set",
            "delete",
            "getEntries",
            "getBatch",
            "commit",
            "putAbsent",
            "write",
            "deleteBatch",
            "compareAndSwap",
            "getEntry",
            "setBatch",
            "exists",
          ].includes(String(name))
        ) {
          return async (...args: unknown[]) => {
            await s.schedule(Promise.resolve(), String(name));
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  return { handle: wrap(store), unwrapped: store };
}
