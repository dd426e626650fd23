/**
 * Commit limits, the same on every backend: MAX_COMMIT_CHECKS checks, MAX_COMMIT_MUTATIONS
 * mutations, MAX_COMMIT_BYTES bytes of keys and values (checks included). Each refusal is a
 * StorageError naming the limit in `details.limit`, with nothing written.
 */
import {
  type CommitCheck,
  DEFAULT_MAX_VALUE_BYTES,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
  type StorageBackend,
  type WriteOp,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { bytes, expectCode, snapshots } from "./helpers.js";

const absentChecks = (n: number, prefix = "c"): CommitCheck[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, version: null }));
const puts = (n: number, prefix = "m"): Mutation[] =>
  Array.from({ length: n }, (_, i) => ({
    type: "put",
    key: `${prefix}${i}`,
    value: bytes(i % 256),
  }));

async function seeded(
  ctx: ConformanceContext,
): Promise<{ store: StorageBackend; all: StorageBackend[] }> {
  const store = await ctx.open();
  await store.setBatch([
    ["a", bytes(1)],
    ["m0", bytes(7)],
  ]);
  const neighbour = store.forTenant(`${store.tenant}-limits`);
  await neighbour.set("a", bytes(2));
  return { store, all: [store, neighbour] };
}

async function expectLimit(
  call: () => Promise<unknown>,
  code: "INVALID_ARGUMENT" | "VALUE_TOO_LARGE",
  limit: string,
): Promise<void> {
  const error = (await expectCode(call, code)) as Error & { details?: Record<string, unknown> };
  expect(error.details?.limit, error.message).toBe(limit);
}

export function commitLimitsSpec(ctx: ConformanceContext): void {
  describe("commit limits", () => {
    it(`accepts ${MAX_COMMIT_CHECKS} checks and ${MAX_COMMIT_MUTATIONS} mutations in one commit`, async () => {
      const store = await ctx.open();
      const result = await store.commit(
        absentChecks(MAX_COMMIT_CHECKS),
        puts(MAX_COMMIT_MUTATIONS),
      );
      expect(result.ok).toBe(true);
      expect((await store.listKeys("m")).length).toBe(MAX_COMMIT_MUTATIONS);
    });

    it(`refuses ${MAX_COMMIT_CHECKS + 1} checks with INVALID_ARGUMENT, writing nothing`, async () => {
      const { store, all } = await seeded(ctx);
      const before = await snapshots(all);
      await expectLimit(
        () => store.commit(absentChecks(MAX_COMMIT_CHECKS + 1), puts(3)),
        "INVALID_ARGUMENT",
        "MAX_COMMIT_CHECKS",
      );
      // The same key checked again still counts as a check.
      await expectLimit(
        () =>
          store.commit(
            Array.from({ length: MAX_COMMIT_CHECKS + 1 }, () => ({ key: "a", version: null })),
            puts(3),
          ),
        "INVALID_ARGUMENT",
        "MAX_COMMIT_CHECKS",
      );
      const builder = store.atomic().put("m1", bytes(1));
      for (const check of absentChecks(MAX_COMMIT_CHECKS + 1))
        builder.check(check.key, check.version);
      await expectLimit(() => builder.commit(), "INVALID_ARGUMENT", "MAX_COMMIT_CHECKS");
      expect(await snapshots(all)).toEqual(before);
    });

    it(`refuses ${MAX_COMMIT_MUTATIONS + 1} mutations with INVALID_ARGUMENT, writing nothing`, async () => {
      const { store, all } = await seeded(ctx);
      const before = await snapshots(all);
      await expectLimit(
        () => store.commit([], puts(MAX_COMMIT_MUTATIONS + 1)),
        "INVALID_ARGUMENT",
        "MAX_COMMIT_MUTATIONS",
      );
      // Mutations of one key count one by one, even though they fold into one write.
      const sums: Mutation[] = Array.from({ length: MAX_COMMIT_MUTATIONS + 1 }, () => ({
        type: "sum",
        key: "n",
        delta: 1n,
      }));
      await expectLimit(() => store.commit([], sums), "INVALID_ARGUMENT", "MAX_COMMIT_MUTATIONS");
      const deletes: Mutation[] = Array.from({ length: MAX_COMMIT_MUTATIONS + 1 }, (_, i) => ({
        type: "del",
        key: i === 0 ? "a" : `d${i}`,
      }));
      await expectLimit(
        () => store.commit([], deletes),
        "INVALID_ARGUMENT",
        "MAX_COMMIT_MUTATIONS",
      );
      expect(await snapshots(all)).toEqual(before);
    });

    it("does not bound write, setBatch and deleteBatch by the commit counts", async () => {
      const store = await ctx.open();
      const ops = puts(MAX_COMMIT_MUTATIONS + 500) as WriteOp[];
      await store.write(ops);
      await store.setBatch(ops.map((op) => [`${op.key}b`, bytes(1)]));
      expect((await store.listKeys()).length).toBe(2 * ops.length);
      await store.deleteBatch(ops.map((op) => op.key));
      expect((await store.listKeys()).length).toBe(ops.length);
    });

    it(`refuses more than ${MAX_COMMIT_BYTES} bytes of keys and values with VALUE_TOO_LARGE`, async () => {
      const { store, all } = await seeded(ctx);
      const before = await snapshots(all);
      // Four values of the largest size a value may have: the keys tip it over the limit.
      const largest = new Uint8Array(DEFAULT_MAX_VALUE_BYTES);
      const four: Mutation[] = ["w", "x", "y", "z"].map((key) => ({
        type: "put",
        key,
        value: largest,
      }));
      await expectLimit(() => store.commit([], four), "VALUE_TOO_LARGE", "MAX_COMMIT_BYTES");
      // Exactly at the limit with values, and one checked key more.
      const exact = exactlyAtTheLimit();
      await expectLimit(
        () => store.commit([{ key: "c", version: null }], exact),
        "VALUE_TOO_LARGE",
        "MAX_COMMIT_BYTES",
      );
      await expectLimit(
        () => store.commit([], [...exact, { type: "del", key: "a" }]),
        "VALUE_TOO_LARGE",
        "MAX_COMMIT_BYTES",
      );
      expect(await snapshots(all)).toEqual(before);
    }, 60_000);

    it(`accepts a commit of exactly ${MAX_COMMIT_BYTES} bytes`, async () => {
      const store = await ctx.open();
      const result = await store.commit([], exactlyAtTheLimit());
      expect(result.ok).toBe(true);
      expect((await store.get("w"))?.byteLength).toBe(DEFAULT_MAX_VALUE_BYTES - 1);
      expect(await store.listKeys()).toEqual(["w", "x", "y", "z"]);
    }, 60_000);
  });
}

/** Four puts whose one-byte keys and values add up to exactly MAX_COMMIT_BYTES. */
function exactlyAtTheLimit(): Mutation[] {
  const size = MAX_COMMIT_BYTES / 4 - 1;
  expect(size).toBeLessThanOrEqual(DEFAULT_MAX_VALUE_BYTES);
  const value = new Uint8Array(size);
  return ["w", "x", "y", "z"].map((key) => ({ type: "put", key, value }));
}
