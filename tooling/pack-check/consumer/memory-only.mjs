// A process that uses only @mnemo/backend-memory never loads a hash binding.

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { openMemoryBackend } from "@mnemo/backend-memory";

console.log(`Node ${process.version}`);
const store = await openMemoryBackend();
await store.set("a", new Uint8Array([1]));
await store.write([{ type: "put", key: "b", value: new Uint8Array([2]) }]);
const keys = [];
for await (const [key] of store.scan({ prefix: "" })) keys.push(key);
assert.deepEqual(keys, ["a", "b"]);
await store.close();

const hashModules = Object.keys(createRequire(import.meta.url).cache).filter((path) =>
  /blake/i.test(path),
);
const hashLibraries = (process.report.getReport().sharedObjects ?? []).filter((path) =>
  /blake/i.test(path),
);
assert.deepEqual(hashModules, [], "@mnemo/backend-memory loaded a hash module");
assert.deepEqual(hashLibraries, [], "@mnemo/backend-memory loaded a hash binding");
console.log("memory backend alone: no hash binding loaded");
