/** The model test's commands for the plain key-value methods (see model.spec.ts). */
import {
  compareKeys,
  type ScanOptions,
  type StorageBackend,
  type VersionedScanEntry,
  type WriteOp,
} from "@mnemo/core";
import type fc from "fast-check";
import { expect } from "vitest";
import { collect, modelScan, plain, plainEntries } from "./helpers.js";
import type { Model } from "./model-state.js";

export type Command = fc.AsyncCommand<Model, StorageBackend>;

export const show = (value: Uint8Array | undefined) =>
  value === undefined ? "undefined" : `[${Array.from(value).join(",")}]`;

export class SetCommand implements Command {
  constructor(
    readonly key: string,
    readonly value: Uint8Array,
  ) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.set(this.key, this.value);
    model.put(this.key, this.value);
  }
  toString = () => `set(${JSON.stringify(this.key)}, ${show(this.value)})`;
}

export class DeleteCommand implements Command {
  constructor(readonly key: string) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.delete(this.key);
    model.delete(this.key);
  }
  toString = () => `delete(${JSON.stringify(this.key)})`;
}

export class GetCommand implements Command {
  constructor(readonly key: string) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    expect(plain(await store.get(this.key))).toEqual(plain(model.entries.get(this.key)));
    expect(await store.exists(this.key)).toBe(model.entries.has(this.key));
  }
  toString = () => `get(${JSON.stringify(this.key)})`;
}

export class WriteCommand implements Command {
  constructor(readonly ops: WriteOp[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.write(this.ops);
    for (const op of this.ops) {
      if (op.type === "put") model.put(op.key, op.value);
      else model.delete(op.key);
    }
  }
  toString = () =>
    `write([${this.ops.map((op) => (op.type === "put" ? `put ${JSON.stringify(op.key)}=${show(op.value)}` : `del ${JSON.stringify(op.key)}`)).join(", ")}])`;
}

export class SetBatchCommand implements Command {
  constructor(readonly entries: [string, Uint8Array][]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.setBatch(this.entries);
    for (const [key, value] of this.entries) model.put(key, value);
  }
  toString = () =>
    `setBatch([${this.entries.map(([k, v]) => `${JSON.stringify(k)}=${show(v)}`).join(", ")}])`;
}

export class DeleteBatchCommand implements Command {
  constructor(readonly keys: string[]) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.deleteBatch(this.keys);
    for (const key of this.keys) model.delete(key);
  }
  toString = () => `deleteBatch(${JSON.stringify(this.keys)})`;
}

export class GetBatchCommand implements Command {
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

export type ExpectedMode = "current" | "absent" | "other";

export class CompareAndSwapCommand implements Command {
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
      if (this.next === undefined) model.delete(this.key);
      else model.put(this.key, this.next);
    }
  }
  toString = () =>
    `compareAndSwap(${JSON.stringify(this.key)}, ${this.mode}${this.mode === "other" ? show(this.other) : ""}, ${show(this.next)})`;
}

export class ScanCommand implements Command {
  constructor(
    readonly options: ScanOptions,
    readonly versions = false,
  ) {}
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    const expected = plainEntries(modelScan(model.entries, this.options, compareKeys));
    if (this.versions) {
      const triples = await collect<VersionedScanEntry>(
        store.scan({ ...this.options, versions: true }),
      );
      expect(triples.map(([key, value]) => [key, plain(value)])).toEqual(expected);
      for (const [key, , version] of triples) model.observe(key, version);
      return;
    }
    const actual = plainEntries(await collect(store.scan(this.options)));
    expect(actual).toEqual(expected);
    if (this.options.prefix !== undefined && Object.keys(this.options).length === 1) {
      expect(await store.listKeys(this.options.prefix)).toEqual(actual.map(([k]) => k));
    }
  }
  toString = () =>
    `scan(${JSON.stringify(this.versions ? { ...this.options, versions: true } : this.options)})`;
}

export class ClearCommand implements Command {
  check = () => true;
  async run(model: Model, store: StorageBackend) {
    await store.clear();
    model.clear();
  }
  toString = () => "clear()";
}
