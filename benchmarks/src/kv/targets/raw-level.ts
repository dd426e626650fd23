import { ClassicLevel } from "classic-level";
import type { KvTarget } from "../target.js";

/** classic-level used directly, as a user without Mnemo would. */
export async function rawLevelTarget(path: string, sync: boolean): Promise<KvTarget> {
  const db = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
  await db.open();
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
    async scanPrefix(prefix) {
      let n = 0;
      for await (const _ of db.iterator({ gte: prefix, lt: `${prefix}\uffff` })) n++;
      return n;
    },
    close: () => db.close(),
  };
}
