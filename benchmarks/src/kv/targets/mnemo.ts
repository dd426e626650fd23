import type { StorageBackend } from "@mnemo/core";
import type { KvTarget } from "../target.js";

/** Any Mnemo backend handle, driven through the public interface a component uses. */
export function mnemoTarget(
  name: string,
  store: StorageBackend,
  close: () => Promise<void>,
): KvTarget {
  // The version each checked record was last committed at, as a caller holds it.
  const versions = new Map<string, string>();
  return {
    name,
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    getMany: (keys) => store.getBatch(keys),
    setMany: (entries) => store.setBatch(entries),
    async checkedCommit(check, puts) {
      const operation = store.atomic().check(check, versions.get(check) ?? null);
      for (const [key, value] of puts) operation.put(key, value);
      const result = await operation.commit();
      if (result.ok) versions.set(check, result.version);
      return result.ok;
    },
    async increment(key) {
      await store.commit([], [{ type: "sum", key, delta: 1n }]);
    },
    async scanPrefix(prefix) {
      let n = 0;
      for await (const _ of store.scan({ prefix })) n++;
      return n;
    },
    close,
  };
}
