import { ClassicLevel } from "classic-level";
import type { KvTarget } from "../target.js";

/** classic-level used directly, as a user without Mnemo would. */
export async function rawLevelTarget(path: string, sync: boolean): Promise<KvTarget> {
  const db = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
  await db.open();
  const expected = new Map<string, number>();
  return {
    name: sync ? "classic-level (sync)" : "classic-level",
    get: (key) => db.get(key),
    set: (key, value) => db.put(key, value, { sync }),
    getMany: (keys) => db.getMany([...keys]),
    setMany: (entries) =>
      db.batch(
        entries.map(([key, value]) => ({ type: "put" as const, key, value })),
        { sync },
      ),
    async checkedCommit(check, puts) {
      // Read the record's version stamp, compare, then one batch; a process-local lock per
      // key would be needed for concurrency, and this case runs one at a time.
      const stamp = await db.get(`${check}\u0001v`);
      const held = expected.get(check);
      if (held !== undefined && (stamp === undefined || stamp[0] !== held)) return false;
      const next = ((held ?? 0) + 1) % 256;
      await db.batch(
        [
          ...puts.map(([key, value]) => ({ type: "put" as const, key, value })),
          { type: "put" as const, key: `${check}\u0001v`, value: new Uint8Array([next]) },
        ],
        { sync },
      );
      expected.set(check, next);
      return true;
    },
    async increment(key) {
      const stored = await db.get(key);
      const n =
        stored === undefined
          ? 0n
          : new DataView(stored.buffer, stored.byteOffset, 8).getBigInt64(0);
      const next = new Uint8Array(8);
      new DataView(next.buffer).setBigInt64(0, n + 1n);
      await db.put(key, next, { sync });
    },
    async scanPrefix(prefix) {
      let n = 0;
      for await (const _ of db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) n++;
      return n;
    },
    close: () => db.close(),
  };
}
