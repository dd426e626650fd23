/** The bounded heap search ranks with keeps exactly what a full sort would keep, in order. */
import { seededRandom } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { TopK } from "../src/top-k.js";

interface Item {
  readonly score: number;
  readonly id: string;
}
const better = (a: Item, b: Item) => a.score > b.score || (a.score === b.score && a.id > b.id);
const bySort = (items: readonly Item[], k: number) =>
  [...items].sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1)).slice(0, k);

describe("TopK", () => {
  it("keeps the k best of random items with many ties, best first, as a sort does", () => {
    const random = seededRandom(5);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(random() * 300);
      const k = [0, 1, 2, 10, 50, 400][round % 6]!;
      // Few distinct scores, so ties are decided by id.
      const items = Array.from({ length: n }, (_, i) => ({
        score: Math.floor(random() * 8) / 4,
        id: `id${(i * 7919) % 1000}`,
      }));
      const top = new TopK<Item>(k, better);
      for (const item of items) top.offer(item);
      expect(top.sorted()).toEqual(bySort(items, k));
      expect(top.size).toBe(Math.min(k, n));
    }
  });
});
