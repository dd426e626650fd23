/** Known keys read one `get` each or in one `getBatch` give the same map on every backend. */
import { forEachBackend } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { POINT_READS_MAX_US, readKeys } from "../src/point-reads.js";

forEachBackend((backend) => {
  describe("readKeys", () => {
    it("returns the keys found, as getBatch does, missing ones left out", async () => {
      const store = await backend.open({ namespace: "episodic" });
      const bytes = (i: number) => new Uint8Array([i, i + 1]);
      await store.setBatch(Array.from({ length: 6 }, (_, i) => [`k${i}`, bytes(i)] as const));
      const keys = ["k0", "gone", "k3", "k5", "also-gone"];
      const found = await readKeys(store, keys);
      expect(found).toEqual(await store.getBatch(keys));
      expect([...found.keys()].sort()).toEqual(["k0", "k3", "k5"]);
      expect(found.get("k3")).toEqual(bytes(3));
      // As many keys as make one batch cheaper than point reads on this backend, too.
      const many = Array.from(
        { length: Math.ceil(POINT_READS_MAX_US / store.characteristics().avgReadLatencyUs) + 1 },
        (_, i) => `k${i}`,
      );
      expect(await readKeys(store, many)).toEqual(await store.getBatch(many));
    });
  });
});
