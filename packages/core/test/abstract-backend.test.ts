// The base class's contract with backends: hooks get only validated, normalised arguments.
import { describe, expect, it } from "vitest";
import {
  AbstractBackend,
  type BackendCharacteristics,
  type BackendScope,
  type CommitResult,
  type Entry,
  encodeCounter,
  type KeyRange,
  type NormalizedCommit,
  type SharedBackendState,
  StorageError,
  sharedState,
  type VersionedEntry,
  type WriteOp,
} from "../src/index.js";

/** A backend that records hook calls and holds nothing. */
class RecordingBackend extends AbstractBackend {
  readonly calls: Array<[string, unknown]>;
  releaseClose: (() => void) | undefined;

  constructor(
    scope: BackendScope,
    shared: SharedBackendState,
    isRoot: boolean,
    calls: Array<[string, unknown]> = [],
  ) {
    super(scope, shared, isRoot);
    this.calls = calls;
  }
  static open(maxValueBytes = 16) {
    return new RecordingBackend(
      { namespace: "ns", tenant: "t" },
      sharedState({ maxValueBytes }),
      true,
    );
  }
  backendType() {
    return "recording";
  }
  characteristics(): BackendCharacteristics {
    return {
      persistent: false,
      transactional: true,
      supportsPrefixScan: true,
      supportsAtomicOps: true,
      multiProcess: false,
      avgReadLatencyUs: 1,
      avgWriteLatencyUs: 1,
    };
  }
  protected async _get(key: string) {
    this.calls.push(["get", key]);
    return undefined;
  }
  protected async _getMany(keys: readonly string[]) {
    this.calls.push(["getMany", keys]);
    return new Map<string, Uint8Array>();
  }
  protected async _getEntry(key: string) {
    this.calls.push(["getEntry", key]);
    return undefined;
  }
  protected async _getEntries(keys: readonly string[]) {
    this.calls.push(["getEntries", keys]);
    return new Map<string, VersionedEntry>();
  }
  protected async _commit(commit: NormalizedCommit): Promise<CommitResult> {
    this.calls.push(["commit", commit]);
    return { ok: true, version: "0000000000000001" };
  }
  protected override async _write(ops: readonly WriteOp[]) {
    this.calls.push(["write", ops]);
  }
  protected async _putAbsent(entries: readonly Entry[]) {
    this.calls.push(["putAbsent", entries]);
    return { written: entries.map(([key]) => key) };
  }
  /** False: compareAndSwap runs the base class's own machinery (a commit). */
  recordCas = true;
  protected override async _compareAndSwap(
    key: string,
    expected: Uint8Array | undefined,
    next: Uint8Array | undefined,
  ) {
    if (!this.recordCas) return super._compareAndSwap(key, expected, next);
    this.calls.push(["cas", null]);
    return true;
  }
  protected async *_listNamespaces(): AsyncIterable<string> {
    this.calls.push(["listNamespaces", null]);
    yield* [];
  }
  protected async *_listTenants(): AsyncIterable<string> {
    this.calls.push(["listTenants", null]);
    yield* [];
  }
  protected async *_scan(range: KeyRange): AsyncIterable<Entry> {
    this.calls.push(["scan", range]);
    yield* [];
  }
  protected async _clear() {
    this.calls.push(["clear", null]);
  }
  protected _derive(scope: BackendScope) {
    return new RecordingBackend(scope, this.shared, false, this.calls);
  }
  protected _close() {
    this.calls.push(["close", null]);
    return new Promise<void>((resolve) => {
      this.releaseClose = resolve;
    });
  }
}

const codeOf = (error: unknown) => (error instanceof StorageError ? error.code : String(error));

describe("AbstractBackend", () => {
  it("calls no hook when input is bad", async () => {
    const store = RecordingBackend.open();
    const bad = [
      () => store.get(""),
      () => store.set("k", new Uint8Array(17)),
      () =>
        store.setBatch([
          ["a", new Uint8Array(1)],
          ["\uD800", new Uint8Array(1)],
        ]),
      () =>
        store.write([
          { type: "put", key: "a", value: new Uint8Array(1) },
          { type: "del", key: "" },
        ]),
      () => store.deleteBatch(["a", "a\u0000"]),
      () => store.compareAndSwap("k", "x" as unknown as Uint8Array, undefined),
      () => store.getEntry("\0"),
      () => store.getEntries(["ok", ""]),
      () => store.commit([{ key: "a", version: 5 as unknown as string }], []),
      () => store.commit([], [{ type: "sum", key: "a", delta: 1.5 as unknown as bigint }]),
      () => store.commit([], [{ type: "put", key: "a", value: new Uint8Array(17) }]),
      () => store.atomic().check("a", null).put("", new Uint8Array(1)).commit(),
      () =>
        store.putAbsent([
          ["a", new Uint8Array(1)],
          ["b", new Uint8Array(17)],
        ]),
      () => store.putAbsent(Array.from({ length: 1001 }, (_, i) => [`k${i}`, new Uint8Array(1)])),
      () => store.putAbsent([["a"] as unknown as [string, Uint8Array]]),
    ];
    for (const call of bad) await expect(call()).rejects.toBeInstanceOf(StorageError);
    expect(() => store.scan({ limit: -1 })).toThrowError(StorageError);
    expect(store.calls).toEqual([]);
  });

  it("hands _write one op per key, the last, and skips empty batches", async () => {
    const store = RecordingBackend.open();
    const one = new Uint8Array([1]);
    await store.write([
      { type: "put", key: "a", value: one },
      { type: "del", key: "a" },
    ]);
    await store.setBatch([]);
    await store.deleteBatch(["b", "b"]);
    expect(store.calls).toEqual([
      ["write", [{ type: "del", key: "a" }]],
      ["write", [{ type: "del", key: "b" }]],
    ]);
  });

  it("hands _putAbsent one entry per key, the last, and skips empty calls", async () => {
    const store = RecordingBackend.open();
    const [one, two] = [new Uint8Array([1]), new Uint8Array([2])];
    expect(await store.putAbsent([])).toEqual({ written: [] });
    await store.putAbsent([
      ["a", one],
      ["b", one],
      ["a", two],
    ]);
    expect(store.calls).toEqual([
      [
        "putAbsent",
        [
          ["a", two],
          ["b", one],
        ],
      ],
    ]);
  });

  it("never calls _scan with an empty range and folds the prefix into the bounds", async () => {
    const store = RecordingBackend.open();
    for await (const _ of store.scan({ limit: 0 }));
    for await (const _ of store.scan({ gt: "b", lt: "a" }));
    expect(store.calls).toEqual([]);
    for await (const _ of store.scan({ prefix: "a", gte: "a1", reverse: true, limit: 3 }));
    expect(store.calls).toEqual([
      [
        "scan",
        {
          lower: { key: "a1", inclusive: true },
          upper: { key: "b", inclusive: false },
          reverse: true,
          limit: 3,
          empty: false,
          versions: false,
        },
      ],
    ]);
  });

  it("hands _commit one folded mutation per key, and compareAndSwap is a value-checked commit", async () => {
    const store = RecordingBackend.open();
    store.recordCas = false;
    await store
      .atomic()
      .check("a", "0000000000000007")
      .put("a", new Uint8Array([1]))
      .sum("n", 2)
      .sum("n", 3n)
      .delete("c")
      .sum("c", -1)
      .commit();
    expect(await store.compareAndSwap("k", undefined, new Uint8Array([9]))).toBe(true);
    expect(store.calls).toEqual([
      [
        "commit",
        {
          checks: [{ kind: "version", key: "a", version: "0000000000000007" }],
          mutations: [
            { type: "put", key: "a", value: new Uint8Array([1]) },
            { type: "sum", key: "n", delta: 5n },
            { type: "put", key: "c", value: encodeCounter(-1n) },
          ],
        },
      ],
      [
        "commit",
        {
          checks: [{ kind: "value", key: "k", value: undefined }],
          mutations: [{ type: "put", key: "k", value: new Uint8Array([9]) }],
        },
      ],
    ]);
  });

  it("makes every concurrent close() wait for the release, which runs once", async () => {
    const store = RecordingBackend.open();
    const derived = store.forTenant("other");
    let firstDone = false;
    let secondDone = false;
    const first = store.close().then(() => {
      firstDone = true;
    });
    const second = store.close().then(() => {
      secondDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect([firstDone, secondDone]).toEqual([false, false]);
    expect(codeOf(await derived.get("k").catch((e: unknown) => e))).toBe("CLOSED");
    store.releaseClose?.();
    await Promise.all([first, second]);
    expect(store.calls.filter(([name]) => name === "close")).toHaveLength(1);
    await derived.close();
    expect(store.calls.filter(([name]) => name === "close")).toHaveLength(1);
  });

  it("closes a derived handle alone", async () => {
    const store = RecordingBackend.open();
    const derived = store.forNamespace("other");
    await derived.close();
    expect(codeOf(await derived.exists("k").catch((e: unknown) => e))).toBe("CLOSED");
    await store.get("k");
    expect(store.calls).toEqual([["get", "k"]]);
  });
});
