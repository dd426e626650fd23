import { createHash } from "node:crypto";
import { forEachBackend, seededRandom } from "@mnemo/testing";
import { expect, it } from "vitest";
import { artifacts } from "../../src/operations/artifacts.js";
import { binaryBody, runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

function randomBytes(size: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

forEachBackend((backend) => {
  it("serves every artifacts operation; content goes in and out as raw bytes", async () => {
    const run = await runScenario(artifacts, backend, async (api) => {
      const content = randomBytes(3 * 1024 * 1024 + 17, 7); // several chunks
      const stored = await api.call(
        "artifacts.put",
        {
          kind: "data",
          name: "blob.bin",
          metadata: JSON.stringify({ source: "test" }),
          compress: "gzip",
        },
        binaryBody(content),
      );
      expect(stored).toMatchObject({ size: content.length, deduplicated: false });
      const again = await api.call(
        "artifacts.put",
        { kind: "data", contentType: "application/x-test" },
        binaryBody(content, 1000),
      );
      expect(again).toMatchObject({ hash: stored.hash, deduplicated: true });
      const small = await api.call(
        "artifacts.put",
        { kind: "document" },
        { ...binaryBody(new TextEncoder().encode("hello")), contentType: "text/plain" },
      );
      await api.fails("artifacts.put", { kind: "data" }, "INVALID_ARGUMENT");
      const inline = await api.call("artifacts.putBase64", {
        data: Buffer.from("hello").toString("base64"),
        kind: "document",
        contentType: "text/plain",
        name: "hello.txt",
        metadata: { lang: "en" },
        compress: "brotli",
      });
      expect(inline).toMatchObject({ hash: small.hash, deduplicated: true });
      expect(
        await api.call("artifacts.getBase64", { artifactId: inline.artifactId }),
      ).toMatchObject({
        data: Buffer.from("hello").toString("base64"),
        name: "hello.txt",
        metadata: { lang: "en" },
      });
      await api.fails("artifacts.getBase64", { artifactId: stored.artifactId }, "VALUE_TOO_LARGE");
      await api.fails(
        "artifacts.putBase64",
        { data: "aGVsbG8=!", kind: "data" },
        "INVALID_ARGUMENT",
      );

      const back = await api.bytes("artifacts.get", { artifactId: stored.artifactId });
      expect(createHash("sha256").update(back).digest("hex")).toBe(
        createHash("sha256").update(content).digest("hex"),
      );
      await api.fails("artifacts.get", { artifactId: "nope" }, "NOT_FOUND");
      expect(await api.call("artifacts.stat", { artifactId: small.artifactId })).toMatchObject({
        contentType: "text/plain",
        kind: "document",
        size: 5,
      });
      expect(await api.call("artifacts.stat", { artifactId: stored.artifactId })).toMatchObject({
        contentType: "application/octet-stream",
        name: "blob.bin",
        metadata: { source: "test" },
      });
      await api.fails("artifacts.stat", { artifactId: "nope" }, "NOT_FOUND");
      const first = await api.call("artifacts.list", { kind: "data", limit: 1 });
      expect(first.items.map((a: { artifactId: string }) => a.artifactId)).toStrictEqual([
        stored.artifactId,
      ]);
      const docs = await api.call("artifacts.list", { contentType: "text/plain", since: 0 });
      // Oldest first; the two may share a millisecond, so compare as a set.
      expect(docs.items.map((a: { artifactId: string }) => a.artifactId).sort()).toStrictEqual(
        [small.artifactId, inline.artifactId].sort(),
      );
      const contents = await api.call("artifacts.listContents", { limit: 10 });
      expect(contents.items).toHaveLength(2);
      expect(contents.items.find((c: { hash: string }) => c.hash === stored.hash)).toMatchObject({
        references: 2,
      });
      expect(await api.call("artifacts.hasContent", { hash: stored.hash })).toStrictEqual({
        exists: true,
      });
      expect(await api.call("artifacts.hasContent", { hash: "0".repeat(64) })).toStrictEqual({
        exists: false,
      });
      expect(await api.call("artifacts.stats", {})).toMatchObject({ artifacts: 4 });
      expect(await api.call("artifacts.delete", { artifactId: small.artifactId })).toStrictEqual({
        deleted: true,
      });
      expect(await api.call("artifacts.delete", { artifactId: small.artifactId })).toStrictEqual({
        deleted: false,
      });
      expect(await api.call("artifacts.gc", {})).toMatchObject({ uploads: 0 });
    });
    for (const op of artifacts.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
