/**
 * Reading an export file however its bytes are chunked: every split of the frames gives the
 * same records, and the reader does not copy what it does not have to (a frame inside one
 * chunk is a view of it; one spanning chunks is copied once), which is what keeps an
 * import's garbage near the file's size.
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import { seededRandom } from "@mnemo/testing/random";
import { describe, expect, it } from "vitest";
import { ByteReader } from "../src/export-format.js";
import { exportStore, readExport } from "../src/index.js";

async function exportBytes(): Promise<Buffer> {
  const store = await openMemoryBackend();
  const random = seededRandom(15);
  const entries: [string, Uint8Array][] = [];
  for (let i = 0; i < 300; i++) {
    const value = new Uint8Array(Math.floor(random() * 1500));
    for (let j = 0; j < value.length; j++) value[j] = Math.floor(random() * 256);
    entries.push([`k${String(i).padStart(4, "0")}-é`, value]);
  }
  await store.forNamespace("ns").forTenant("t1").setBatch(entries);
  const parts: Buffer[] = [];
  for await (const part of exportStore(store, { blockBytes: 32 * 1024, clock: { now: () => 1 } }))
    parts.push(part);
  return Buffer.concat(parts);
}

async function* chunked(bytes: Buffer, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; ) {
    const size = sizes();
    // A plain Uint8Array over its own memory, as a stream other than fs may give.
    yield new Uint8Array(bytes.subarray(at, at + size));
    at += size;
  }
}

async function records(chunks: AsyncIterable<Uint8Array | Buffer>) {
  const out: [string, string][] = [];
  for await (const event of readExport(chunks)) {
    if (event.type !== "block") continue;
    for (const [key, value] of event.block.records)
      out.push([key, Buffer.from(value).toString("hex")]);
  }
  return out;
}

describe("readExport", () => {
  it("reads the same records whatever the chunk sizes, empty chunks included", async () => {
    const bytes = await exportBytes();
    const whole = await records(chunked(bytes, () => bytes.length));
    expect(whole).toHaveLength(300);
    const random = seededRandom(7);
    for (const sizes of [
      () => 1,
      () => 5,
      () => 64 * 1024,
      () => Math.floor(random() * 9000),
      () => (random() < 0.3 ? 0 : Math.floor(random() * 200_000)),
    ]) {
      expect(await records(chunked(bytes, sizes))).toEqual(whole);
    }
  });

  it("returns a view of a chunk that holds the bytes, and one copy of bytes that span chunks", async () => {
    const chunk = new Uint8Array(Buffer.from("abcdefgh"));
    const tail = new Uint8Array(Buffer.from("ijkl"));
    async function* two() {
      yield chunk;
      yield tail;
    }
    const reader = new ByteReader(two());
    const first = (await reader.read(3))!;
    expect(first.toString()).toBe("abc");
    expect(first.buffer).toBe(chunk.buffer);
    const spanning = (await reader.read(7))!;
    expect(spanning.toString()).toBe("defghij");
    expect(spanning.buffer).not.toBe(chunk.buffer);
    expect((await reader.read(2))!.buffer).toBe(tail.buffer);
    expect(await reader.read(1)).toBeUndefined();
    expect(reader.offset).toBe(12);
  });
});
