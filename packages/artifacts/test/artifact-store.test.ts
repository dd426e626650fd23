import { Readable } from "node:stream";
import { ArtifactStore } from "@mnemo/artifacts";
import { blake3Hex, encodeTuple, type StorageBackend, StorageError } from "@mnemo/core";
import { forEachBackend } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { chunkKey, uploadKey } from "../src/keyspace.js";
import { expectConsistent, randomBytes, rawEntries } from "./helpers.js";

const text = (s: string) => new TextEncoder().encode(s);
const KiB = 1024;

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

async function* pieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.byteLength; i += size) yield data.subarray(i, i + size);
}

async function expectCode(
  promise: Promise<unknown>,
  code: StorageError["code"],
): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected StorageError ${code}`).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
  return error as StorageError;
}

forEachBackend((backend) => {
  const open = async (options: ConstructorParameters<typeof ArtifactStore>[1] = {}) => {
    const store = await backend.open({ namespace: "artifacts" });
    return { store, artifacts: new ArtifactStore(store, { chunkSize: 4 * KiB, ...options }) };
  };

  describe("put and get", () => {
    it("round-trips content of every shape, chunked, hashed with blake3", async () => {
      const { store, artifacts } = await open();
      const data = randomBytes(10 * KiB + 123, 7);
      const shapes = {
        bytes: data,
        readable: Readable.from(pieces(data, 999)),
        webStream: new Blob([data]).stream(),
        asyncIterable: pieces(data, 3000),
        iterable: [data.subarray(0, 5000), data.subarray(5000)],
      };
      for (const [shape, content] of Object.entries(shapes)) {
        const put = await artifacts.put(content, {
          contentType: "application/octet-stream",
          kind: "data",
          name: shape,
        });
        expect(put.hash, shape).toBe(blake3Hex(data));
        expect(put.size).toBe(data.byteLength);
        expect(await artifacts.get(put.artifactId)).toEqual(data);
        expect(await collect(await artifacts.getStream(put.artifactId))).toEqual(data);
      }
      // Five artifacts, one stored copy of three chunks (4 KiB, 4 KiB, the rest).
      const stats = await artifacts.stats();
      expect(stats.artifacts).toBe(5);
      expect(stats.logicalBytes).toBe(5 * data.byteLength);
      expect(stats.storedBytes).toBe(data.byteLength + 3);
      expect(await rawEntries(store, "x")).toHaveLength(3);
      await expectConsistent(store);
    });

    it("stores empty content and reports stat", async () => {
      const { artifacts } = await open();
      const put = await artifacts.put(new Uint8Array(0), {
        contentType: "text/plain",
        kind: "document",
        metadata: { lang: "en" },
      });
      expect(put.hash).toBe(blake3Hex(new Uint8Array(0)));
      expect(await artifacts.get(put.artifactId)).toEqual(new Uint8Array(0));
      const info = await artifacts.stat(put.artifactId);
      expect(info).toMatchObject({
        size: 0,
        contentType: "text/plain",
        kind: "document",
        metadata: { lang: "en" },
      });
      expect(await artifacts.stat("nope")).toBeUndefined();
      await expectCode(artifacts.get("nope"), "NOT_FOUND");
    });

    it("compresses transparently; the hash is of the original bytes", async () => {
      const { store, artifacts } = await open();
      const data = text("the same sentence again and again. ".repeat(1000));
      for (const compress of ["gzip", "brotli"] as const) {
        const put = await artifacts.put(data, {
          contentType: "text/plain",
          kind: "document",
          compress,
        });
        expect(put.hash).toBe(blake3Hex(data));
        expect(await artifacts.get(put.artifactId)).toEqual(data);
        const stats = await artifacts.stats();
        expect(stats.storedBytes).toBeLessThan(data.byteLength / 5);
        expect(await artifacts.delete(put.artifactId)).toBe(true);
      }
      await expectConsistent(store);
    });
  });

  describe("deduplication and reference counts", () => {
    it("keeps one copy per content and frees it with the last reference", async () => {
      const { store, artifacts } = await open();
      const data = randomBytes(9 * KiB, 3);
      const first = await artifacts.put(data, { contentType: "image/png", kind: "image" });
      const second = await artifacts.put(pieces(data, 1000), {
        contentType: "image/png",
        kind: "image",
      });
      const third = await artifacts.put(data, { contentType: "image/png", kind: "image" });
      expect([first.deduplicated, second.deduplicated, third.deduplicated]).toEqual([
        false,
        true,
        true,
      ]);
      expect((await artifacts.stats()).dedupRatio).toBeCloseTo(3);
      await expectConsistent(store);

      expect(await artifacts.delete(first.artifactId)).toBe(true);
      expect(await artifacts.delete(first.artifactId)).toBe(false);
      expect(await artifacts.get(second.artifactId)).toEqual(data);
      await artifacts.delete(second.artifactId);
      await artifacts.delete(third.artifactId);
      expect(await artifacts.hasContent(first.hash)).toBe(false);
      expect(await rawEntries(store, "x")).toEqual([]);
      await expectConsistent(store);
    });

    it("never leaves a dangling reference or a leaked chunk under racing puts and deletes", async () => {
      const { store, artifacts } = await open();
      const contents = [randomBytes(5 * KiB, 11), randomBytes(3 * KiB, 12)];
      const live: string[] = [];
      for (let round = 0; round < 12; round++) {
        const ops = [
          ...contents.map((c, i) =>
            artifacts
              .put(round % 2 ? c : pieces(c, 777), {
                contentType: "application/x-test",
                kind: "data",
              })
              .then((p) => {
                live.push(p.artifactId);
                return i;
              }),
          ),
          ...live.splice(0, 3).map((id) => artifacts.delete(id)),
        ];
        await Promise.all(ops);
      }
      await expectConsistent(store);
      for (const id of live) expect((await artifacts.get(id)).byteLength).toBeGreaterThan(0);
      await Promise.all(live.map((id) => artifacts.delete(id)));
      await expectConsistent(store);
      expect(await rawEntries(store, "c")).toEqual([]);
    });

    it("does not share content across tenants", async () => {
      const a = await open();
      const b = await open();
      const data = randomBytes(2 * KiB, 5);
      const put = await a.artifacts.put(data, { contentType: "text/plain", kind: "code" });
      expect(await a.artifacts.hasContent(put.hash)).toBe(true);
      expect(await b.artifacts.hasContent(put.hash)).toBe(false);
      const other = await b.artifacts.put(data, { contentType: "text/plain", kind: "code" });
      expect(other.deduplicated).toBe(false);
      await expectCode(b.artifacts.get(put.artifactId), "NOT_FOUND");
    });
  });

  describe("verify on read", () => {
    it("fails with CORRUPTED and hands out no corrupt byte when a stored chunk changes", async () => {
      const { store, artifacts } = await open();
      const data = randomBytes(12 * KiB, 9);
      const put = await artifacts.put(data, {
        contentType: "application/octet-stream",
        kind: "data",
      });
      const chunks = await rawEntries(store, "x");
      expect(chunks).toHaveLength(3);
      // Flip one byte of the second chunk (in content order) behind the store's back.
      const secondHash = blake3Hex(data.subarray(4 * KiB, 8 * KiB));
      const [key, value] = chunks.find(([k]) => k.includes(secondHash))!;
      const flipped = value.slice();
      flipped[100] = flipped[100]! ^ 0x01;
      await store.set(key, flipped);

      const error = await expectCode(artifacts.get(put.artifactId), "CORRUPTED");
      expect(error.message).toContain("chunk 1");
      const received: Uint8Array[] = [];
      await expectCode(
        (async () => {
          for await (const part of await artifacts.getStream(put.artifactId)) received.push(part);
        })(),
        "CORRUPTED",
      );
      // Only the verified first chunk was delivered.
      expect(Buffer.concat(received)).toEqual(Buffer.from(data.subarray(0, 4 * KiB)));
    });

    it("fails with CORRUPTED when a chunk is missing", async () => {
      const { store, artifacts } = await open();
      const put = await artifacts.put(randomBytes(5 * KiB), { contentType: "a/b", kind: "other" });
      const [[key]] = (await rawEntries(store, "x")) as [[string, Uint8Array]];
      await store.delete(key);
      await expectCode(artifacts.get(put.artifactId), "CORRUPTED");
    });
  });

  describe("list", () => {
    it("pages by time, filters by kind, content type and since", async () => {
      let now = 1_000;
      const { artifacts } = await open({ clock: { now: () => now } });
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        now += 10;
        const put = await artifacts.put(text(`doc ${i}`), {
          contentType: i % 2 ? "text/markdown" : "text/plain",
          kind: i < 4 ? "document" : "code",
        });
        ids.push(put.artifactId);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await artifacts.list({ limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((a) => a.artifactId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      expect((await artifacts.list({ kind: "code" })).items.map((a) => a.artifactId)).toEqual(
        ids.slice(4),
      );
      expect((await artifacts.list({ contentType: "text/markdown" })).items).toHaveLength(3);
      expect(
        (await artifacts.list({ kind: "document", contentType: "text/plain" })).items.map(
          (a) => a.artifactId,
        ),
      ).toEqual([ids[0], ids[2]]);
      expect((await artifacts.list({ since: 1_050 })).items.map((a) => a.artifactId)).toEqual(
        ids.slice(4),
      );
      await artifacts.delete(ids[0]!);
      expect((await artifacts.list()).items).toHaveLength(6);
    });
  });

  describe("bad input", () => {
    const cases: [string, (a: ArtifactStore) => Promise<unknown>][] = [
      ["empty content type", (a) => a.put(text("x"), { contentType: "", kind: "data" })],
      [
        "unknown kind",
        (a) => a.put(text("x"), { contentType: "text/plain", kind: "movie" as "data" }),
      ],
      [
        "unknown compression",
        (a) =>
          a.put(text("x"), { contentType: "text/plain", kind: "data", compress: "zip" as "gzip" }),
      ],
      [
        "non-JSON metadata",
        (a) => a.put(text("x"), { contentType: "text/plain", kind: "data", metadata: { n: 1n } }),
      ],
      [
        "content that is not bytes",
        (a) => a.put(42 as unknown as Uint8Array, { contentType: "text/plain", kind: "data" }),
      ],
      [
        "a stream of strings",
        (a) =>
          a.put(["text"] as unknown as Uint8Array[], { contentType: "text/plain", kind: "data" }),
      ],
      ["a hash that is not blake3 hex", (a) => a.hasContent("abc")],
      ["an uppercase hash", (a) => a.hasContent("A".repeat(64))],
      ["an empty artifact id", (a) => a.get("")],
      ["a bad list limit", (a) => a.list({ limit: 0 })],
      ["a foreign cursor", (a) => a.list({ cursor: "bm9wZQ" })],
    ];
    for (const [name, call] of cases) {
      it(`refuses ${name} and writes nothing`, async () => {
        const { store, artifacts } = await open();
        await expectCode(call(artifacts), "INVALID_ARGUMENT");
        expect(await store.listKeys()).toEqual([]);
      });
    }

    it("leaves nothing visible when the content stream fails halfway", async () => {
      const { store, artifacts } = await open();
      async function* failing() {
        yield randomBytes(9 * KiB, 2);
        throw new Error("disk on fire");
      }
      const error = await expectCode(
        artifacts.put(failing(), { contentType: "a/b", kind: "data" }),
        "INVALID_ARGUMENT",
      );
      expect(error.message).toContain("disk on fire");
      expect((await artifacts.list()).items).toEqual([]);
      expect(await store.listKeys()).toEqual([]);
      expect(await artifacts.gc()).toEqual({
        contents: 0,
        chunks: 0,
        bytes: 0,
        uploads: 0,
        references: 0,
      });
    });
  });

  describe("gc", () => {
    it("reclaims the chunks of an upload abandoned past the grace period, and only those", async () => {
      let now = 10_000;
      const { store, artifacts } = await open({ clock: { now: () => now }, uploadGraceMs: 1_000 });
      const kept = await artifacts.put(randomBytes(6 * KiB, 4), {
        contentType: "a/b",
        kind: "data",
      });
      // A process that died mid-put: its upload record and a chunk, as put() writes them.
      const upload = (generation: string, startedAt: number) =>
        store.write([
          {
            type: "put",
            key: uploadKey(generation),
            value: new Uint8Array([2, ...text(JSON.stringify({ startedAt }))]),
          },
          {
            type: "put",
            key: chunkKey(generation, "f".repeat(64)),
            value: new Uint8Array([0, 1, 2, 3]),
          },
        ]);
      await upload("old", 5_000);
      await upload("recent", 9_500);
      const result = await artifacts.gc();
      expect(result).toEqual({ contents: 0, chunks: 1, bytes: 4, uploads: 1, references: 0 });
      expect(await store.exists(uploadKey("recent"))).toBe(true);
      expect(await artifacts.get(kept.artifactId)).toHaveLength(6 * KiB);
      now += 1_000;
      expect((await artifacts.gc()).uploads).toBe(1);
      await expectConsistent(store);
    });
  });

  it("keeps its keys under the documented tuple layout", async () => {
    const { store, artifacts } = await open();
    const put = await artifacts.put(text("hello"), { contentType: "text/plain", kind: "document" });
    expect(await store.exists(encodeTuple(["a", put.artifactId]))).toBe(true);
    expect(await store.exists(encodeTuple(["c", put.hash]))).toBe(true);
  });
});

export type { StorageBackend };
