/**
 * Model-based test: random sequences of commands run against the backend and against a plain
 * map sorted by `compareKeys` (model-state.ts), comparing every answer. Keys come from an
 * alphabet that hits the ordering edge cases (UTF-16 vs UTF-8 order, SQL wildcards,
 * U+10FFFF, control chars). Versions are checked as the contract states them: unchanged
 * without a write, strictly larger after one. Checked commits use versions from earlier
 * reads (current or stale), absent-checks and made-up versions, with puts, deletes and sums
 * on counters near the ends of the 64-bit range.
 *
 * On failure fast-check prints the seed and path; replay with
 * `MNEMO_FC_SEED=<seed> MNEMO_FC_PATH=<path>`.
 */
import {
  encodeCounter,
  MAX_COUNTER,
  MIN_COUNTER,
  type Mutation,
  type ScanOptions,
  type StorageBackend,
  type WriteOp,
} from "@mnemo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { collect, plainEntries } from "./helpers.js";
import {
  ClearCommand,
  type Command,
  CompareAndSwapCommand,
  DeleteBatchCommand,
  DeleteCommand,
  type ExpectedMode,
  GetBatchCommand,
  GetCommand,
  ScanCommand,
  SetBatchCommand,
  SetCommand,
  WriteCommand,
} from "./model-commands.js";
import {
  type CheckMode,
  CommitCommand,
  GetEntryCommand,
  type PlannedCheck,
} from "./model-commit-commands.js";
import { Model } from "./model-state.js";

const UNITS = ["a", "b", "%", "_", "\\", "é", "\uE000", "\uFFFD", "😀", "\u{10FFFF}", "\u0001"];
/** Mostly a few hot keys, so commands meet the same key again (versions, checks, sums). */
const keyArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom("a", "%", "😀", "\uFFFD") },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 })
      .map((units) => units.join("")),
  },
);
const boundArb = fc
  .array(fc.constantFrom(...UNITS), { minLength: 0, maxLength: 2 })
  .map((units) => units.join(""));
/** Counters, some at the ends of their range, so sums overflow now and then. */
const counterArb = fc
  .oneof(
    fc.constantFrom(0n, 1n, -1n, MAX_COUNTER, MIN_COUNTER, MAX_COUNTER - 1n, MIN_COUNTER + 1n),
    fc.bigInt({ min: MIN_COUNTER, max: MAX_COUNTER }),
  )
  .map(encodeCounter);
const valueArb = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 4 }) },
  { weight: 1, arbitrary: counterArb },
);
const deltaArb = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: -3n, max: 3n }) },
  { weight: 1, arbitrary: fc.constantFrom(MAX_COUNTER, MIN_COUNTER, 2n ** 62n) },
);

const scanOptionsArb: fc.Arbitrary<ScanOptions> = fc
  .record({
    prefix: fc.option(boundArb, { nil: undefined }),
    lower: fc.option(fc.tuple(fc.constantFrom("gt", "gte"), boundArb), { nil: undefined }),
    upper: fc.option(fc.tuple(fc.constantFrom("lt", "lte"), boundArb), { nil: undefined }),
    reverse: fc.boolean(),
    limit: fc.option(fc.nat(6), { nil: undefined }),
  })
  .map(({ prefix, lower, upper, reverse, limit }) => {
    const options: Record<string, unknown> = {};
    if (prefix !== undefined) options.prefix = prefix;
    if (lower !== undefined) options[lower[0]] = lower[1];
    if (upper !== undefined) options[upper[0]] = upper[1];
    if (reverse) options.reverse = true;
    if (limit !== undefined) options.limit = limit;
    return options as ScanOptions;
  });

const writeOpArb: fc.Arbitrary<WriteOp> = fc.oneof(
  fc.record({ type: fc.constant("put" as const), key: keyArb, value: valueArb }),
  fc.record({ type: fc.constant("del" as const), key: keyArb }),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant("put" as const), key: keyArb, value: valueArb }),
  fc.record({ type: fc.constant("del" as const), key: keyArb }),
  fc.record({ type: fc.constant("sum" as const), key: keyArb, delta: deltaArb }),
);

const checkArb: fc.Arbitrary<PlannedCheck> = fc.record({
  key: keyArb,
  mode: fc.constantFrom<CheckMode>(
    "read-now",
    "read-now",
    "latest-seen",
    "stale",
    "absent",
    "made-up",
  ),
  pick: fc.nat(7),
});

const commandArbs: fc.Arbitrary<Command>[] = [
  fc.tuple(keyArb, valueArb).map(([k, v]) => new SetCommand(k, v)),
  keyArb.map((k) => new DeleteCommand(k)),
  keyArb.map((k) => new GetCommand(k)),
  fc.array(writeOpArb, { maxLength: 6 }).map((ops) => new WriteCommand(ops)),
  fc.array(fc.tuple(keyArb, valueArb), { maxLength: 5 }).map((e) => new SetBatchCommand(e)),
  fc.array(keyArb, { maxLength: 4 }).map((keys) => new DeleteBatchCommand(keys)),
  fc.array(keyArb, { maxLength: 4 }).map((keys) => new GetBatchCommand(keys)),
  fc
    .tuple(
      keyArb,
      fc.constantFrom<ExpectedMode>("current", "current", "absent", "other"),
      valueArb,
      fc.option(valueArb, { nil: undefined }),
    )
    .map(([k, mode, other, next]) => new CompareAndSwapCommand(k, mode, other, next)),
  fc
    .tuple(scanOptionsArb, fc.boolean())
    .map(([options, versions]) => new ScanCommand(options, versions)),
  scanOptionsArb.map((options) => new ScanCommand(options)),
  fc.constant(new ClearCommand()),
  fc.array(keyArb, { minLength: 1, maxLength: 3 }).map((keys) => new GetEntryCommand(keys)),
  ...[1, 2].map(() =>
    fc
      .tuple(
        fc.uniqueArray(checkArb, { maxLength: 3, selector: (check) => check.key }),
        fc.array(mutationArb, { maxLength: 5 }),
        fc.boolean(),
      )
      .map(([checks, mutations, viaBuilder]) => new CommitCommand(checks, mutations, viaBuilder)),
  ),
];

function replayParameters(): fc.Parameters<[Iterable<Command>]> {
  const seed = process.env.MNEMO_FC_SEED;
  const path = process.env.MNEMO_FC_PATH;
  return {
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

export function modelSpec(ctx: ConformanceContext): void {
  describe("model-based: random command sequences against a sorted map", () => {
    it("agrees with the model on every answer", async () => {
      const store: StorageBackend = await ctx.open();
      const property = fc.asyncProperty(
        fc.commands(commandArbs, { maxCommands: 30, size: "medium" }),
        async (commands) => {
          await store.clear();
          const model = new Model();
          await fc.asyncModelRun(() => ({ model, real: store }), commands);
          const all = plainEntries(await collect(store.scan()));
          expect(all).toEqual(plainEntries(model.sorted()));
        },
      );
      // fast-check's failure report (seed, path, counterexample) becomes the test's error.
      await fc.assert(property, { numRuns: ctx.modelRuns, ...replayParameters() });
    }, 120_000);
  });
}
