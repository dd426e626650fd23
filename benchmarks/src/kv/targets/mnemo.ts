import type { StorageBackend } from "@mnemo/core";
import type { KvTarget } from "../target.js";

/** Any Mnemo backend handle, driven through the public interface a component uses. */
export function mnemoTarget(
  name: string,
  store: StorageBackend,
  close: () => Promise<void>,
): KvTarget {
  return {
    name,
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    getMany: (keys) => store.getBatch(keys),
    setMany: (entries) => store.setBatch(entries),
    async scanPrefix(prefix) {
      let n = 0;
      for await (const _ of store.scan({ prefix })) n++;
      return n;
    },
    close,
  };
}
