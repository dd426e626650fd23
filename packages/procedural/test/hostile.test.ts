/**
 * What a JSON client can send: every call below must be refused with a StorageError
 * `INVALID_ARGUMENT` (never a TypeError or RangeError) and leave the store as it was.
 */
import type { StorageBackend } from "@mnemo/core";
import { dump, forEachBackend, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ProceduralMemory } from "../src/index.js";
import { openMemory } from "./helpers.js";

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
  return value as never;
};
const n = null as never;
const skill = { name: "s", category: "c", content: "x" };
const ok = { success: true, durationMs: 1 };

type Call = (memory: ProceduralMemory, store: StorageBackend) => Promise<unknown> | unknown;

const CASES: readonly (readonly [string, Call])[] = [
  ["constructor(null options)", (_m, s) => new ProceduralMemory(s, n)],
  ["constructor(options 5)", (_m, s) => new ProceduralMemory(s, 5 as never)],
  ["constructor(maxAttempts NaN)", (_m, s) => new ProceduralMemory(s, { maxAttempts: Number.NaN })],
  ["constructor(maxAttempts 0)", (_m, s) => new ProceduralMemory(s, { maxAttempts: 0 })],
  [
    "constructor(maxAttempts '5')",
    (_m, s) => new ProceduralMemory(s, { maxAttempts: "5" as never }),
  ],
  ["constructor(clock {})", (_m, s) => new ProceduralMemory(s, { clock: {} as never })],
  ["constructor(clock toString)", (_m, s) => new ProceduralMemory(s, { clock: hostile })],
  [
    "constructor(maxSkillsPerAgent 1e9)",
    (_m, s) => new ProceduralMemory(s, { maxSkillsPerAgent: 1e9 }),
  ],
  ["saveSkill(null agent)", (m) => m.saveSkill(n, skill)],
  ["saveSkill(toString agent)", (m) => m.saveSkill(hostile, skill)],
  ["saveSkill(5 agent)", (m) => m.saveSkill(5 as never, skill)],
  ["saveSkill(null skill)", (m) => m.saveSkill("a", n)],
  ["saveSkill(array skill)", (m) => m.saveSkill("a", [] as never)],
  ["saveSkill(toString skill)", (m) => m.saveSkill("a", hostile)],
  ["saveSkill(name toString)", (m) => m.saveSkill("a", { ...skill, name: hostile })],
  ["saveSkill(name with U+0000)", (m) => m.saveSkill("a", { ...skill, name: "a\u0000b" })],
  ["saveSkill(name lone surrogate)", (m) => m.saveSkill("a", { ...skill, name: "a\ud800" })],
  ["saveSkill(steps string)", (m) => m.saveSkill("a", { ...skill, steps: "abc" as never })],
  ["saveSkill(steps 5)", (m) => m.saveSkill("a", { ...skill, steps: 5 as never })],
  ["saveSkill(steps [1])", (m) => m.saveSkill("a", { ...skill, steps: [1] as never })],
  ["saveSkill(steps 1001)", (m) => m.saveSkill("a", { ...skill, steps: Array(1001).fill("x") })],
  ["saveSkill(content 5)", (m) => m.saveSkill("a", { ...skill, content: 5 as never })],
  ["saveSkill(metadata 4000 deep)", (m) => m.saveSkill("a", { ...skill, metadata: deep(4000) })],
  [
    "saveSkill(metadata array 4000 deep)",
    (m) => m.saveSkill("a", { ...skill, metadata: { a: deepArray(4000) } }),
  ],
  ["saveSkill(metadata cycle)", (m) => m.saveSkill("a", { ...skill, metadata: cyclic() })],
  ["saveSkill(metadata string)", (m) => m.saveSkill("a", { ...skill, metadata: "x" as never })],
  ["saveSkill(metadata Date)", (m) => m.saveSkill("a", { ...skill, metadata: { at: new Date() } })],
  ["saveSkill(metadata BigInt)", (m) => m.saveSkill("a", { ...skill, metadata: { n: 1n } })],
  ["getSkill(null options)", (m) => m.getSkill("a", "s", n)],
  ["getSkill(version '1')", (m) => m.getSkill("a", "s", { version: "1" as never })],
  ["getSkill(version 1.5)", (m) => m.getSkill("a", "s", { version: 1.5 })],
  ["listSkills(null options)", (m) => m.listSkills("a", n)],
  ["listSkills(category 5)", (m) => m.listSkills("a", { category: 5 as never })],
  ["listSkills(cursor toString)", (m) => m.listSkills("a", { cursor: hostile })],
  ["listSkills(cursor garbage)", (m) => m.listSkills("a", { cursor: "!!not a cursor" })],
  ["listSkills(limit '5')", (m) => m.listSkills("a", { limit: "5" as never })],
  ["listVersions(null options)", (m) => m.listVersions("a", "s", n)],
  ["listVersions(limit 0)", (m) => m.listVersions("a", "s", { limit: 0 })],
  ["listAgents(null options)", (m) => m.listAgents(n)],
  ["listAgents(cursor 5)", (m) => m.listAgents({ cursor: 5 as never })],
  ["deleteSkill(null name)", (m) => m.deleteSkill("a", n)],
  ["deleteSkill(toString name)", (m) => m.deleteSkill("a", hostile)],
  ["recordExecution(null execution)", (m) => m.recordExecution("a", "s", n)],
  ["recordExecution(toString execution)", (m) => m.recordExecution("a", "s", hostile)],
  [
    "recordExecution(success 'true')",
    (m) => m.recordExecution("a", "s", { ...ok, success: "true" as never }),
  ],
  [
    "recordExecution(durationMs '5')",
    (m) => m.recordExecution("a", "s", { ...ok, durationMs: "5" as never }),
  ],
  ["recordExecution(durationMs -1)", (m) => m.recordExecution("a", "s", { ...ok, durationMs: -1 })],
  [
    "recordExecution(durationMs NaN)",
    (m) => m.recordExecution("a", "s", { ...ok, durationMs: Number.NaN }),
  ],
  [
    "recordExecution(durationMs 1e200)",
    (m) => m.recordExecution("a", "s", { ...ok, durationMs: 1e200 }),
  ],
  [
    "recordExecution(error toString)",
    (m) => m.recordExecution("a", "s", { ...ok, error: hostile }),
  ],
  ["recordExecution(name array)", (m) => m.recordExecution("a", ["s"] as never, ok)],
  ["getStats(null agent)", (m) => m.getStats(n, "s")],
  ["bestSkills(null options)", (m) => m.bestSkills("a", "c", n)],
  ["bestSkills(limit 1001)", (m) => m.bestSkills("a", "c", { limit: 1001 })],
  ["bestSkills(minExecutions '1')", (m) => m.bestSkills("a", "c", { minExecutions: "1" as never })],
  ["mostUsed(null options)", (m) => m.mostUsed("a", n)],
  ["mostUsed(category toString)", (m) => m.mostUsed("a", { category: hostile })],
  ["recentlyUsed(options 'x')", (m) => m.recentlyUsed("a", "x" as never)],
];

forEachBackend((backend) => {
  it("refuses every hostile input with INVALID_ARGUMENT and writes nothing", async () => {
    const { memory, store } = await openMemory(backend);
    await memory.saveSkill("a", skill);
    await memory.recordExecution("a", "s", ok);
    const before = await dump(store);
    expect(await unrefused(CASES.map(([name, call]) => [name, () => call(memory, store)]))).toEqual(
      [],
    );
    expect(await dump(store)).toEqual(before);
  });

  it("accepts {toString} where any JSON object is allowed (metadata)", async () => {
    const { memory } = await openMemory(backend);
    const saved = await memory.saveSkill("a", { ...skill, metadata: hostile });
    expect(saved.metadata).toEqual({ toString: "x", valueOf: "y" });
  });
});
