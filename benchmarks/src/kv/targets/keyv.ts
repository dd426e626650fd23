import KeyvPostgres from "@keyv/postgres";
import Keyv from "keyv";
import type { KvTarget } from "../target.js";

/**
 * The peer a user would pick instead: Keyv with @keyv/postgres on the same server. Keyv
 * stores JSON text, so values go in as the base64 of the same 100 bytes. It has no ordered
 * prefix scan, so that case is not run for it.
 */
export async function keyvTarget(connectionString: string, poolSize: number): Promise<KvTarget> {
  const table = "mnemo_bench_keyv";
  const store = new KeyvPostgres({ uri: connectionString, table, max: poolSize });
  const keyv = new Keyv({ store, namespace: "bench" });
  keyv.on("error", () => {});
  await keyv.clear();
  const text = (value: Uint8Array) => Buffer.from(value).toString("base64");
  return {
    name: "keyv + @keyv/postgres",
    get: (key) => keyv.get(key),
    set: async (key, value) => {
      await keyv.set(key, text(value));
    },
    getMany: (keys) => keyv.get([...keys]),
    setMany: async (entries) => {
      await keyv.setMany(entries.map(([key, value]) => ({ key, value: text(value) })));
    },
    close: async () => {
      await keyv.clear();
      await keyv.disconnect();
    },
  };
}
