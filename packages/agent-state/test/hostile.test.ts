/**
 * What a JSON client can send: every call below must be refused with a StorageError
 * `INVALID_ARGUMENT` (never a TypeError or RangeError) and leave the store as it was.
 */
import type { StorageBackend } from "@mnemo/core";
import { dump, forEachBackend, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { AgentStateStore } from "../src/index.js";
import { openStates } from "./helpers.js";

const hostile = JSON.parse('{"toString":"x","valueOf":"y"}') as never;
const deep = (levels: number) => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { d: value };
  return value as never;
};
const deepArray = (levels: number) => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
const cyclic = () => {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
};
const n = null as never;

type Call = (states: AgentStateStore, store: StorageBackend) => Promise<unknown> | unknown;

const CASES: readonly (readonly [string, Call])[] = [
  ["constructor(null options)", (_s, st) => new AgentStateStore(st, n)],
  ["constructor(options 'x')", (_s, st) => new AgentStateStore(st, "x" as never)],
  [
    "constructor(maxAttempts NaN)",
    (_s, st) => new AgentStateStore(st, { maxAttempts: Number.NaN }),
  ],
  ["constructor(maxHistory 0)", (_s, st) => new AgentStateStore(st, { maxHistory: 0 })],
  ["constructor(maxHistory 1e9)", (_s, st) => new AgentStateStore(st, { maxHistory: 1e9 })],
  ["constructor(clock toString)", (_s, st) => new AgentStateStore(st, { clock: hostile })],
  ["saveSnapshot(null agent)", (s) => s.saveSnapshot(n, {})],
  ["saveSnapshot(toString agent)", (s) => s.saveSnapshot(hostile, {})],
  ["saveSnapshot(agent 5)", (s) => s.saveSnapshot(5 as never, {})],
  ["saveSnapshot(undefined data)", (s) => s.saveSnapshot("a", undefined)],
  ["saveSnapshot(data 4000 deep)", (s) => s.saveSnapshot("a", deep(4000))],
  ["saveSnapshot(data array 4000 deep)", (s) => s.saveSnapshot("a", deepArray(4000))],
  ["saveSnapshot(data cycle)", (s) => s.saveSnapshot("a", cyclic())],
  ["saveSnapshot(data Map)", (s) => s.saveSnapshot("a", new Map([[1, 2]]))],
  ["saveSnapshot(data function)", (s) => s.saveSnapshot("a", { f: () => 1 })],
  ["saveSnapshot(data BigInt)", (s) => s.saveSnapshot("a", { n: 1n })],
  ["saveSnapshot(data NaN)", (s) => s.saveSnapshot("a", { n: Number.NaN })],
  ["saveSnapshot(null options)", (s) => s.saveSnapshot("a", {}, n)],
  ["saveSnapshot(metadata [])", (s) => s.saveSnapshot("a", {}, { metadata: [] as never })],
  ["saveSnapshot(metadata 'x')", (s) => s.saveSnapshot("a", {}, { metadata: "x" as never })],
  [
    "saveSnapshot(metadata 4000 deep)",
    (s) => s.saveSnapshot("a", {}, { metadata: { d: deep(4000) } }),
  ],
  [
    "saveSnapshot(metadata 65 KiB)",
    (s) => s.saveSnapshot("a", {}, { metadata: { x: "x".repeat(65 * 1024) } }),
  ],
  ["loadSnapshot(null options)", (s) => s.loadSnapshot("a", n)],
  ["loadSnapshot(version 0)", (s) => s.loadSnapshot("a", { version: 0 })],
  ["loadSnapshot(version '1')", (s) => s.loadSnapshot("a", { version: "1" as never })],
  ["loadSnapshot(version toString)", (s) => s.loadSnapshot("a", { version: hostile })],
  ["listSnapshots(null options)", (s) => s.listSnapshots("a", n)],
  ["listSnapshots(reverse 'true')", (s) => s.listSnapshots("a", { reverse: "true" as never })],
  ["listSnapshots(cursor toString)", (s) => s.listSnapshots("a", { cursor: hostile })],
  ["listSnapshots(cursor garbage)", (s) => s.listSnapshots("a", { cursor: "%%%" })],
  ["listSnapshots(limit 0)", (s) => s.listSnapshots("a", { limit: 0 })],
  ["listAgents(null options)", (s) => s.listAgents(n)],
  ["listAgents(limit '10')", (s) => s.listAgents({ limit: "10" as never })],
  ["prune(keep 0)", (s) => s.prune("a", 0)],
  ["prune(keep 1.5)", (s) => s.prune("a", 1.5)],
  ["prune(keep '1')", (s) => s.prune("a", "1" as never)],
  ["prune(keep null)", (s) => s.prune("a", n)],
  ["getStatus(null agent)", (s) => s.getStatus(n)],
  ["setStatus(status 'sleeping')", (s) => s.setStatus("a", "sleeping" as never)],
  ["setStatus(status toString)", (s) => s.setStatus("a", hostile)],
  ["setStatus(status null)", (s) => s.setStatus("a", n)],
  ["setStatus(null options)", (s) => s.setStatus("a", "suspended", n)],
  ["setStatus(reason 5)", (s) => s.setStatus("a", "suspended", { reason: 5 as never })],
  ["setStatus(reason toString)", (s) => s.setStatus("a", "suspended", { reason: hostile })],
  ["setStatus(reason 5 KiB)", (s) => s.setStatus("a", "suspended", { reason: "x".repeat(5000) })],
  ["setStatus(agent with U+0000)", (s) => s.setStatus("a\u0000", "active")],
];

forEachBackend((backend) => {
  it("refuses every hostile input with INVALID_ARGUMENT and writes nothing", async () => {
    const { states, store } = await openStates(backend);
    await states.saveSnapshot("a", { ok: true });
    await states.setStatus("a", "active");
    const before = await dump(store);
    expect(await unrefused(CASES.map(([name, call]) => [name, () => call(states, store)]))).toEqual(
      [],
    );
    expect(await dump(store)).toEqual(before);
  });

  it("accepts {toString} where any JSON value is allowed (data, metadata)", async () => {
    const { states } = await openStates(backend);
    await states.saveSnapshot("a", hostile, { metadata: hostile });
    const loaded = await states.loadSnapshot("a");
    expect(loaded?.data).toEqual({ toString: "x", valueOf: "y" });
    expect(loaded?.metadata).toEqual({ toString: "x", valueOf: "y" });
  });
});
