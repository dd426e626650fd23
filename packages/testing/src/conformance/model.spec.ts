/**
 * Model-based test: random sequences of commands run against the backend and against a plain
 * map sorted by `compareKeys`, comparing every answer. Keys come from an alphabet that hits
 * the ordering edge cases (UTF-16 vs UTF-8 order, SQL wildcards, U+10FFFF, control chars).
 *
 * On failure fast-check prints the seed and path; replay with
 * `MNEMO_FC_SEED=<seed> MNEMO_FC_PATH=<path>`.
 */
import { compareKeys, type ScanOptions, type StorageBackend, type WriteOp } from "@mnemo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./context.js";
import { collect, modelScan, plain, plainEntries } from "./helpers.js";

type Model = { entries: Map<string, Uint8Array> };
type Command = fc.AsyncCommand<Model, StorageBackend>;

const UNITS = ["a", "b", "%", "_", "\\", "é", "\uE000", "\uFFFD", "😀", "\u{10FFFF}", "\u0001"];
const keyArb = fc
  .array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 })
  .map((units) => units.join(""));
const boundArb = fc
  .array(fc.constantFrom(...UNITS), { minLength: 0, maxLength: 2 })
  .map((units) => units.join(""));
const valueArb = fc.uint8Array({ maxLength: 4 });

const show = (value: Uint8Array | undefined) =>
  value === undefined ? "undefined" : `[${Array.from(value).join(",")}]`;
const sortedModel = (model: Model) => [...model.entries].sort(([a], [b]) => compareKeys(a, b));

class SetCommand implements Command {
  constructor(
    readonly key: string,
    readonly value: Uint8Array,
  ) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.set(this.key, this.value);
    model.entries.set(this.key, this.value);
  }
  toString = () => `set(${JSON.stringify(this.key)}, ${show(this.value)})`;
}

class DeleteCommand implements Command {
  constructor(readonly key: string) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.delete(this.key);
    model.entries.delete(this.key);
  }
  toString = () => `delete(${JSON.stringify(this.key)})`;
}

class GetCommand implements Command {
  constructor(readonly key: string) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    expect(plain(await store.get(this.key))).toEqual(plain(model.entries.get(this.key)));
    expect(await store.exists(this.key)).toBe(model.entries.has(this.key));
  }
  toString = () => `get(${JSON.stringify(this.key)})`;
}

class WriteCommand implements Command {
  constructor(readonly ops: WriteOp[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.write(this.ops);
    for (const op of this.ops) {
      if (op.type === "put") model.entries.set(op.key, op.value);
      else model.entries.delete(op.key);
    }
  }
  toString = () =>
    `write([${this.ops.map((op) => (op.type === "put" ? `put ${JSON.stringify(op.key)}=${show(op.value)}` : `del ${JSON.stringify(op.key)}`)).join(", ")}])`;
}

class SetBatchCommand implements Command {
  constructor(readonly entries: [string, Uint8Array][]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.setBatch(this.entries);
    for (const [key, value] of this.entries) model.entries.set(key, value);
  }
  toString = () =>
    `setBatch([${this.entries.map(([k, v]) => `${JSON.stringify(k)}=${show(v)}`).join(", ")}])`;
}

class DeleteBatchCommand implements Command {
  constructor(readonly keys: string[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.deleteBatch(this.keys);
    for (const key of this.keys) model.entries.delete(key);
  }
  toString = () => `deleteBatch(${JSON.stringify(this.keys)})`;
}

class GetBatchCommand implements Command {
  constructor(readonly keys: string[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    const found = await store.getBatch(this.keys);
    const expected = new Map(
      this.keys.filter((k) => model.entries.has(k)).map((k) => [k, plain(model.entries.get(k))]),
    );
    expect(new Map([...found].map(([k, v]) => [k, plain(v)]))).toEqual(expected);
  }
  toString = () => `getBatch(${JSON.stringify(this.keys)})`;
}

type ExpectedMode = "current" | "absent" | "other";

class CompareAndSwapCommand implements Command {
  constructor(
    readonly key: string,
    readonly mode: ExpectedMode,
    readonly other: Uint8Array,
    readonly next: Uint8Array | undefined,
  ) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    const current = model.entries.get(this.key);
    const expected =
      this.mode === "current" ? current : this.mode === "absent" ? undefined : this.other;
    const matches =
      expected === undefined
        ? current === undefined
        : current !== undefined && Buffer.from(current).equals(Buffer.from(expected));
    expect(await store.compareAndSwap(this.key, expected, this.next)).toBe(matches);
    if (matches) {
      if (this.next === undefined) model.entries.delete(this.key);
      else model.entries.set(this.key, this.next);
    }
  }
  toString = () =>
    `compareAndSwap(${JSON.stringify(this.key)}, ${this.mode}${this.mode === "other" ? show(this.other) : ""}, ${show(this.next)})`;
}

class ScanCommand implements Command {
  constructor(readonly options: ScanOptions) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    const actual = plainEntries(await collect(store.scan(this.options)));
    expect(actual).toEqual(plainEntries(modelScan(model.entries, this.options, compareKeys)));
    if (this.options.prefix !== undefined && Object.keys(this.options).length === 1) {
      expect(await store.listKeys(this.options.prefix)).toEqual(actual.map(([k]) => k));
    }
  }
  toString = () => `scan(${JSON.stringify(this.options)})`;
}

class ClearCommand implements Command {
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.clear();
    model.entries.clear();
  }
  toString = () => "clear()";
}

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
  scanOptionsArb.map((options) => new ScanCommand(options)),
  scanOptionsArb.map((options) => new ScanCommand(options)),
  fc.constant(new ClearCommand()),
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
      const store = await ctx.open();
      const property = fc.asyncProperty(
        fc.commands(commandArbs, { maxCommands: 20 }),
        async (commands) => {
          await store.clear();
          const model: Model = { entries: new Map() };
          await fc.asyncModelRun(() => ({ model, real: store }), commands);
          const all = plainEntries(await collect(store.scan()));
          expect(all).toEqual(plainEntries(sortedModel(model)));
        },
      );
      // fast-check's failure report (seed, path, counterexample) becomes the test's error.
      await fc.assert(property, { numRuns: ctx.modelRuns, ...replayParameters() });
    }, 120_000);
  });
}
