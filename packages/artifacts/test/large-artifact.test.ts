/**
 * A 1 GiB artifact goes in and comes back out as streams without the process holding it:
 * memory growth stays under 64 MiB. Runs on LevelDB, whose data lives on disk (the memory
 * backend would hold the gigabyte by design, and PostgreSQL adds minutes for no new insight).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArtifactStore } from "@mnemo/artifacts";
import { openLevelBackend } from "@mnemo/backend-level";
import { blake3Hex, createBlake3 } from "@mnemo/core";
import { expect, it } from "vitest";

const MiB = 1024 * 1024;
const TOTAL = 1024 * MiB;
const PIECE = 256 * 1024;

/** 1 GiB generated piece by piece: a few distinct pieces, so nothing large is ever allocated. */
function* generated(): Generator<Uint8Array> {
  const pieces = Array.from({ length: 7 }, (_, i) =>
    new Uint8Array(PIECE).map((_, j) => (i * 31 + j * 7) & 0xff),
  );
  for (let sent = 0, i = 0; sent < TOTAL; sent += PIECE, i++) yield pieces[i % pieces.length]!;
}

it("puts and reads back 1 GiB with memory growth under 64 MiB", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-artifacts-large-"));
  const root = await openLevelBackend({ path: dir, durability: "fast" });
  try {
    const artifacts = new ArtifactStore(root.forNamespace("artifacts"));
    const expected = createBlake3();
    for (const piece of generated()) expected.update(piece);

    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const put = await artifacts.put(generated(), {
        contentType: "application/octet-stream",
        kind: "data",
      });
      expect(put.size).toBe(TOTAL);
      expect(put.hash).toBe(expected.digestHex());

      const readBack = createBlake3();
      let size = 0;
      for await (const chunk of await artifacts.getStream(put.artifactId)) {
        readBack.update(chunk);
        size += chunk.byteLength;
      }
      expect(size).toBe(TOTAL);
      expect(readBack.digestHex()).toBe(put.hash);
    } finally {
      clearInterval(sample);
    }
    const growthMiB = (peak - baseline) / MiB;
    console.log(`1 GiB artifact: peak RSS growth ${growthMiB.toFixed(1)} MiB`);
    expect(growthMiB).toBeLessThan(64);
  } finally {
    await root.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 300_000);

it("hashes the same bytes the helper does", () => {
  expect(blake3Hex(new Uint8Array(0))).toBe(
    "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
  );
});
