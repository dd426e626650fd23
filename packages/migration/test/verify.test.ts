/**
 * Range-digest verification: differing ranges are split down to the keys, each reported as
 * missing, extra or changed; keys that settle under live writes are not reported.
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import { describe, expect, it } from "vitest";
import { verifyStores } from "../src/index.js";

const key = (i: number) => `k${String(i).padStart(5, "0")}`;

async function twins(keys: number) {
  const a = await openMemoryBackend();
  const b = await openMemoryBackend();
  const entries = Array.from(
    { length: keys },
    (_, i) => [key(i), new Uint8Array([i & 0xff, i >> 8])] as const,
  );
  await a.setBatch(entries);
  await b.setBatch(entries);
  return { a, b };
}

describe("verifyStores", () => {
  it("finds equal sides equal, in ranges of rangeKeys", async () => {
    const { a, b } = await twins(3000);
    expect(await verifyStores(a, b, { rangeKeys: 256 })).toMatchObject({
      equal: true,
      keys: 3000,
      ranges: 12,
      differingRanges: 0,
      differing: [],
    });
  });

  it("names exactly the missing, extra and changed keys, wherever they are", async () => {
    const { a, b } = await twins(5000);
    await b.delete(key(17)); // missing on the target
    await b.set(key(2500), new Uint8Array([9])); // changed
    await b.set("k99999", new Uint8Array([1])); // extra, past the source's last key
    await b.set(`${key(4000)}x`, new Uint8Array([1])); // extra, inside a range
    await b.set(key(777), new Uint8Array([])); // changed to empty
    const result = await verifyStores(a, b, { rangeKeys: 256, leafKeys: 8, recheckDelayMs: 1 });
    expect(result.equal).toBe(false);
    expect(result.differing).toEqual([
      { key: key(17), kind: "missing" },
      { key: key(777), kind: "changed" },
      { key: key(2500), kind: "changed" },
      { key: `${key(4000)}x`, kind: "extra" },
      { key: "k99999", kind: "extra" },
    ]);
    expect(result.differingRanges).toBe(5);
  });

  it("does not report a key that a live write settles during the re-checks", async () => {
    const { a, b } = await twins(500);
    await b.set(key(10), new Uint8Array([7]));
    // The mirror of a live write lands just after the first comparison.
    const settle = setTimeout(() => void b.set(key(10), new Uint8Array([10, 0])), 0);
    const result = await verifyStores(a, b, { recheckDelayMs: 20 });
    clearTimeout(settle);
    expect(result).toMatchObject({ equal: true, unstable: 1, differing: [] });
  });
});
