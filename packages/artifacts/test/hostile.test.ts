import { dump, forEachBackend, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ArtifactStore } from "../src/index.js";

const text = (s: string) => new TextEncoder().encode(s);
const hostileObject = JSON.parse('{"toString":"x","valueOf":"y"}');
const protoKey = JSON.parse('{"__proto__":{"polluted":true}}');
const deep = JSON.parse(`${"[".repeat(4000)}${"]".repeat(4000)}`);
const deepObject = JSON.parse(`${'{"a":'.repeat(4000)}1${"}".repeat(4000)}`);
const ok = { contentType: "text/plain", kind: "data" } as const;

// biome-ignore lint/suspicious/noExplicitAny: hostile input is untyped by definition
type Call = (a: any) => Promise<unknown>;
const cases: [string, Call][] = [
  ["put(null)", (a) => a.put(null, ok)],
  ['put("")', (a) => a.put("", ok)],
  ['put("abc")', (a) => a.put("abc", ok)],
  ["put(5)", (a) => a.put(5, ok)],
  ["put({})", (a) => a.put({}, ok)],
  ["put({toString})", (a) => a.put(hostileObject, ok)],
  ["put(array of numbers)", (a) => a.put([1, 2, 3], ok)],
  ["put(array of strings)", (a) => a.put(["abc"], ok)],
  ["put(bytes, null)", (a) => a.put(text("x"), null)],
  ["put(bytes)", (a) => a.put(text("x"))],
  ["put(bytes, 5)", (a) => a.put(text("x"), 5)],
  ['put(bytes, "x")', (a) => a.put(text("x"), "x")],
  ["contentType: {toString}", (a) => a.put(text("x"), { ...ok, contentType: hostileObject })],
  ["contentType: null", (a) => a.put(text("x"), { ...ok, contentType: null })],
  ["contentType: 300 bytes", (a) => a.put(text("x"), { ...ok, contentType: "x".repeat(300) })],
  ["contentType with a newline", (a) => a.put(text("x"), { ...ok, contentType: "a\nb" })],
  ["contentType with a lone surrogate", (a) => a.put(text("x"), { ...ok, contentType: "a\ud800" })],
  ["kind: {toString}", (a) => a.put(text("x"), { ...ok, kind: hostileObject })],
  ["kind: 5", (a) => a.put(text("x"), { ...ok, kind: 5 })],
  ["compress: {}", (a) => a.put(text("x"), { ...ok, compress: {} })],
  ["name: 5", (a) => a.put(text("x"), { ...ok, name: 5 })],
  ["name: {toString}", (a) => a.put(text("x"), { ...ok, name: hostileObject })],
  ["name: 2 KiB", (a) => a.put(text("x"), { ...ok, name: "n".repeat(2048) })],
  ["metadata: null", (a) => a.put(text("x"), { ...ok, metadata: null })],
  ["metadata: []", (a) => a.put(text("x"), { ...ok, metadata: [] })],
  ['metadata: "x"', (a) => a.put(text("x"), { ...ok, metadata: "x" })],
  ["metadata 4,000 deep (arrays)", (a) => a.put(text("x"), { ...ok, metadata: { deep } })],
  ["metadata 4,000 deep (objects)", (a) => a.put(text("x"), { ...ok, metadata: deepObject })],
  ["metadata over 64 KiB", (a) => a.put(text("x"), { ...ok, metadata: { s: "x".repeat(70_000) } })],
  ["metadata with a Map", (a) => a.put(text("x"), { ...ok, metadata: { m: new Map() } })],
  ["metadata with a BigInt", (a) => a.put(text("x"), { ...ok, metadata: { n: 1n } })],
  ["get(null)", (a) => a.get(null)],
  ["get(5)", (a) => a.get(5)],
  ["get({toString})", (a) => a.get(hostileObject)],
  ["getStream([])", (a) => a.getStream([])],
  ["stat(null)", (a) => a.stat(null)],
  ["stat(300 bytes)", (a) => a.stat("i".repeat(300))],
  ["delete(null)", (a) => a.delete(null)],
  ["delete({toString})", (a) => a.delete(hostileObject)],
  ["hasContent(5)", (a) => a.hasContent(5)],
  ["hasContent({toString})", (a) => a.hasContent(hostileObject)],
  ["list(null)", (a) => a.list(null)],
  ["list(5)", (a) => a.list(5)],
  ['list("x")', (a) => a.list("x")],
  ['list({ limit: "5" })', (a) => a.list({ limit: "5" })],
  ["list({ limit: {toString} })", (a) => a.list({ limit: hostileObject })],
  ["list({ kind: [] })", (a) => a.list({ kind: [] })],
  ["list({ contentType: 5 })", (a) => a.list({ contentType: 5 })],
  ["list({ since: -1 })", (a) => a.list({ since: -1 })],
  ['list({ since: "1" })', (a) => a.list({ since: "1" })],
  ["list({ since: year 10000 })", (a) => a.list({ since: 253_402_300_800_000 })],
  ["list({ cursor: 5 })", (a) => a.list({ cursor: 5 })],
  ["list({ cursor: {toString} })", (a) => a.list({ cursor: hostileObject })],
  ["list({ cursor: garbage })", (a) => a.list({ cursor: "%%%" })],
  ["list(__proto__ options)", (a) => a.list({ ...protoKey, limit: 0 })],
  ["listContents(null)", (a) => a.listContents(null)],
  ["listContents({ limit: 0 })", (a) => a.listContents({ limit: 0 })],
  ["listContents({ cursor: [] })", (a) => a.listContents({ cursor: [] })],
];

const constructions: [string, unknown][] = [
  ["null", null],
  ["5", 5],
  ['"x"', "x"],
  ["chunkSize: {toString}", { chunkSize: hostileObject }],
  ["chunkSize: 10", { chunkSize: 10 }],
  ["uploadGraceMs: 0", { uploadGraceMs: 0 }],
  ["uploadGraceMs: -1", { uploadGraceMs: -1 }],
  ["uploadGraceMs: NaN", { uploadGraceMs: Number.NaN }],
  ["uploadGraceMs: 1.5", { uploadGraceMs: 1.5 }],
  ['uploadGraceMs: "60000"', { uploadGraceMs: "60000" }],
  ["clock: null", { clock: null }],
  ["clock: {}", { clock: {} }],
  ["clock: { now: 5 }", { clock: { now: 5 } }],
  ["maxAttempts: NaN", { maxAttempts: Number.NaN }],
  ["maxAttempts: 0", { maxAttempts: 0 }],
];

forEachBackend((backend) => {
  it(`refuses ${cases.length} hostile calls with INVALID_ARGUMENT and writes nothing`, async () => {
    const store = await backend.open({ namespace: "artifacts" });
    const artifacts = new ArtifactStore(store, { chunkSize: 1024 });
    await artifacts.put(text("already here"), { ...ok, metadata: { a: 1 } });
    const before = await dump(store);
    expect(await unrefused(cases.map(([name, call]) => [name, () => call(artifacts)]))).toEqual([]);
    expect(await dump(store)).toEqual(before);
  });

  it(`refuses ${constructions.length} hostile constructor options`, async () => {
    const store = await backend.open({ namespace: "artifacts" });
    const make = constructions.map(
      ([name, options]) => [name, () => new ArtifactStore(store, options as never)] as const,
    );
    expect(await unrefused(make)).toEqual([]);
  });
});
