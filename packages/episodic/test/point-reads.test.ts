/** Known keys read one `getEntry` each or in one `getEntries` give the same map on every backend. */
import { forEachBackend } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { POINT_READS_MAX_US, readEntries } from "../src/point-reads.js";

forEachBackend((backend) => {
  describe("readEntries", () => {
    it("returns the keys found, as getEntries does, missing ones left out", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const bytes = (i: number) => new Uint8Array([i, i + 1]);
      await store.setBatch(Array.from({ length: 6 }, (_, i) => [`k${i}`, bytes(i)] as const));
      const keys = ["k0", "gone", "k3", "k5", "also-gone"];
      const found = await readEntries(store, keys);
      expect(found).toEqual(await store.getEntries(keys));
      expect([...found.keys()].sort()).toEqual(["k0", "k3", "k5"]);
      expect(found.get("k3")?.value).toEqual(bytes(3));
      // As many keys as make one batch cheaper than point reads on this backend, too.
      const many = Array.from(
        { length: Math.ceil(POINT_READS_MAX_US / store.characteristics().avgReadLatencyUs) + 1 },
        (_, i) => `k${i}`,
      );
      expect(await readEntries(store, many)).toEqual(await store.getEntries(many));
    });
  });
});
