/**
 * Bad input to a checked commit, as a JSON client can send it: refused with the right code
 * before anything is written (good mutations ride along and must not land).
 */
import {
  type CommitCheck,
  DEFAULT_MAX_VALUE_BYTES,
  encodeCounter,
  MAX_COUNTER,
  MAX_VERSION_LENGTH,
  MIN_COUNTER,
  type Mutation,
  type StorageBackend,
  type StorageErrorCode,
} from "@mnemo/core";
import { describe, expect, it } from "vitest";
import { BAD_KEYS, BAD_VALUES } from "./bad-input.spec.js";
import type { ConformanceContext } from "./context.js";
import { bytes, expectCode, snapshots } from "./helpers.js";

const HOSTILE = { toString: "x" };

const GOOD_MUTATIONS: readonly Mutation[] = [
  { type: "put", key: "a", value: bytes(9) },
  { type: "put", key: "fresh", value: bytes(9) },
  { type: "del", key: "b" },
  { type: "sum", key: "n", delta: 1n },
];

const NOT_ITERABLE: ReadonlyArray<[string, unknown]> = [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["a string", "a"],
  ["a plain object", { key: "a", version: null }],
  ['{"toString":"x"}', HOSTILE],
];

const BAD_VERSIONS: ReadonlyArray<[string, unknown]> = [
  ["a number", 1],
  ["zero", 0],
  ["a bigint", 1n],
  ["true", true],
  ["false", false],
  ["undefined", undefined],
  ["an object", {}],
  ['{"toString":"x"}', HOSTILE],
  ["an array", ["0000000000000001"]],
  ["a String object", new String("0000000000000001")],
  ["an empty string", ""],
  ["a lone surrogate", "\uD800"],
  [`a string of ${MAX_VERSION_LENGTH + 1} characters`, "v".repeat(MAX_VERSION_LENGTH + 1)],
];

const BAD_DELTAS: ReadonlyArray<[string, unknown]> = [
  ["a fraction", 1.5],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["an unsafe integer", 2 ** 53],
  ["a string", "1"],
  ["null", null],
  ["undefined", undefined],
  ["true", true],
  ['{"toString":"x"}', HOSTILE],
  ["2^63", MAX_COUNTER + 1n],
  ["-2^63 - 1", MIN_COUNTER - 1n],
];

const BAD_CHECKS: ReadonlyArray<[string, unknown, StorageErrorCode]> = [
  ["null", null, "INVALID_ARGUMENT"],
  ["a string", "a", "INVALID_ARGUMENT"],
  ["a number", 7, "INVALID_ARGUMENT"],
  ["an object without a key", { version: null }, "INVALID_KEY"],
  ['{"toString":"x"} as the key', { key: HOSTILE, version: null }, "INVALID_KEY"],
];

const BAD_MUTATIONS: ReadonlyArray<[string, unknown, StorageErrorCode]> = [
  ["null", null, "INVALID_ARGUMENT"],
  ["a string", "put", "INVALID_ARGUMENT"],
  ["a number", 1, "INVALID_ARGUMENT"],
  ["no type", { key: "a", value: bytes(1) }, "INVALID_ARGUMENT"],
  ["an unknown type", { type: "upsert", key: "a", value: bytes(1) }, "INVALID_ARGUMENT"],
  [
    '{"toString":"x"} as the type',
    { type: HOSTILE, key: "a", value: bytes(1) },
    "INVALID_ARGUMENT",
  ],
  ["a put without a value", { type: "put", key: "a" }, "INVALID_VALUE"],
  [
    "a put of maxValueBytes + 1",
    { type: "put", key: "a", value: new Uint8Array(DEFAULT_MAX_VALUE_BYTES + 1) },
    "VALUE_TOO_LARGE",
  ],
  ["a sum without a delta", { type: "sum", key: "n" }, "INVALID_ARGUMENT"],
  ["a del without a key", { type: "del" }, "INVALID_KEY"],
];

export function commitBadInputSpec(ctx: ConformanceContext): void {
  describe("checked commits refuse bad input with the right code, writing nothing", () => {
    const seeded = async () => {
      const store = await ctx.open();
      await store.setBatch([
        ["a", bytes(1)],
        ["b", bytes(2)],
        ["n", encodeCounter(1n)],
      ]);
      const neighbour = store.forTenant(`${store.tenant}-bad`);
      await neighbour.set("a", bytes(3));
      return { store, all: [store, neighbour] as StorageBackend[] };
    };

    /** Runs every call expecting `code`, then proves nothing changed. */
    async function refuses(
      ctxStores: { store: StorageBackend; all: StorageBackend[] },
      calls: ReadonlyArray<[string, () => unknown, StorageErrorCode]>,
    ): Promise<void> {
      const before = await snapshots(ctxStores.all);
      for (const [name, call, code] of calls) {
        await expectCode(call, code).catch((cause: unknown) => {
          throw new Error(`${name}: ${String(cause)}`, { cause });
        });
      }
      expect(await snapshots(ctxStores.all)).toEqual(before);
    }

    it("refuses checks or mutations that are not iterable with INVALID_ARGUMENT", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        NOT_ITERABLE.flatMap(([name, value]): [string, () => unknown, StorageErrorCode][] => [
          [
            `checks: ${name}`,
            () => store.commit(value as CommitCheck[], GOOD_MUTATIONS),
            "INVALID_ARGUMENT",
          ],
          [`mutations: ${name}`, () => store.commit([], value as Mutation[]), "INVALID_ARGUMENT"],
        ]),
      );
    });

    it("refuses a check with a bad key with INVALID_KEY", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        BAD_KEYS.flatMap(([name, key]): [string, () => unknown, StorageErrorCode][] => [
          [
            `commit check key ${name}`,
            () =>
              store.commit(
                [
                  { key: "a", version: null },
                  { key: key as string, version: null },
                ],
                GOOD_MUTATIONS,
              ),
            "INVALID_KEY",
          ],
          [
            `atomic check key ${name}`,
            () =>
              store
                .atomic()
                .put("a", bytes(5))
                .check(key as string, null)
                .commit(),
            "INVALID_KEY",
          ],
        ]),
      );
    });

    it("refuses a mutation with a bad key with INVALID_KEY", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        BAD_KEYS.flatMap(([name, key]): [string, () => unknown, StorageErrorCode][] =>
          (["put", "del", "sum"] as const).map((type) => [
            `${type} key ${name}`,
            () =>
              store.commit(
                [],
                [
                  ...GOOD_MUTATIONS,
                  { type, key: key as string, value: bytes(1), delta: 1n } as Mutation,
                ],
              ),
            "INVALID_KEY",
          ]),
        ),
      );
    });

    it("refuses a version that is not a string (or null) with INVALID_ARGUMENT", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        BAD_VERSIONS.flatMap(([name, version]): [string, () => unknown, StorageErrorCode][] => [
          [
            `commit version ${name}`,
            () => store.commit([{ key: "a", version: version as string }], GOOD_MUTATIONS),
            "INVALID_ARGUMENT",
          ],
          [
            `atomic version ${name}`,
            () =>
              store
                .atomic()
                .check("a", version as string)
                .put("a", bytes(5))
                .commit(),
            "INVALID_ARGUMENT",
          ],
        ]),
      );
    });

    it("refuses one key checked for two different versions with INVALID_ARGUMENT", async () => {
      const seed = await seeded();
      const { store } = seed;
      const version = (await store.getEntry("a"))!.version;
      await refuses(seed, [
        [
          "version then null",
          () =>
            store.commit(
              [
                { key: "a", version },
                { key: "a", version: null },
              ],
              GOOD_MUTATIONS,
            ),
          "INVALID_ARGUMENT",
        ],
        [
          "two versions",
          () =>
            store
              .atomic()
              .check("a", version)
              .check("a", `${version}0`)
              .put("a", bytes(5))
              .commit(),
          "INVALID_ARGUMENT",
        ],
      ]);
    });

    it("refuses a malformed check or mutation with the right code", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(seed, [
        ...BAD_CHECKS.map(([name, check, code]): [string, () => unknown, StorageErrorCode] => [
          `check ${name}`,
          () => store.commit([{ key: "a", version: null }, check as CommitCheck], GOOD_MUTATIONS),
          code,
        ]),
        ...BAD_MUTATIONS.map(
          ([name, mutation, code]): [string, () => unknown, StorageErrorCode] => [
            `mutation ${name}`,
            () => store.commit([], [...GOOD_MUTATIONS, mutation as Mutation]),
            code,
          ],
        ),
      ]);
    });

    it("refuses a put whose value is not a Uint8Array with INVALID_VALUE", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        BAD_VALUES.flatMap(([name, value]): [string, () => unknown, StorageErrorCode][] => [
          [
            `commit put ${name}`,
            () =>
              store.commit(
                [],
                [...GOOD_MUTATIONS, { type: "put", key: "v", value: value as Uint8Array }],
              ),
            "INVALID_VALUE",
          ],
          [
            `atomic put ${name}`,
            () =>
              store
                .atomic()
                .put("fresh", bytes(1))
                .put("v", value as Uint8Array)
                .commit(),
            "INVALID_VALUE",
          ],
        ]),
      );
    });

    it("refuses a sum delta that is not a 64-bit integer with INVALID_ARGUMENT", async () => {
      const seed = await seeded();
      const { store } = seed;
      await refuses(
        seed,
        BAD_DELTAS.flatMap(([name, delta]): [string, () => unknown, StorageErrorCode][] => [
          [
            `commit sum ${name}`,
            () =>
              store.commit(
                [],
                [...GOOD_MUTATIONS, { type: "sum", key: "n", delta: delta as bigint }],
              ),
            "INVALID_ARGUMENT",
          ],
          [
            `atomic sum ${name}`,
            () =>
              store
                .atomic()
                .put("fresh", bytes(1))
                .sum("n", delta as bigint)
                .commit(),
            "INVALID_ARGUMENT",
          ],
        ]),
      );
    });
  });
}
