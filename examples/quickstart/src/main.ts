/**
 * Mnemo quickstart: writes and reads through the LevelDB backend, the embedded default, and
 * prints what it did. Run it twice: the run counter survives because LevelDB persists.
 *
 *   pnpm example            # data in ./.mnemo-data
 *   pnpm example -- /tmp/x  # data in /tmp/x
 */
import { resolve } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import {
  encodeTuple,
  type StorageBackend,
  StorageError,
  tupleRange,
  utf8Decode,
  utf8Encode,
} from "@mnemo/core";

// `pnpm example` runs from this package; resolve paths against where the user typed it.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? ".mnemo-data");

/** Increments a counter with compareAndSwap, retrying if another writer got there first. */
async function increment(store: StorageBackend, key: string): Promise<number> {
  for (;;) {
    const current = await store.get(key);
    const next = (current === undefined ? 0 : Number(utf8Decode(current))) + 1;
    if (await store.compareAndSwap(key, current, utf8Encode(String(next)))) return next;
  }
}

const root = await openLevelBackend({ path, durability: "safe" });
try {
  const notes = root.forNamespace("quickstart").forTenant("alice");
  console.log(`opened LevelDB at ${path} (${JSON.stringify(notes.characteristics())})`);

  const run = await increment(notes, encodeTuple(["runs"]));
  console.log(`run #${run} (a compareAndSwap counter that survives restarts)`);

  // Keys are tuples: ("note", topic, n) sorts by topic, then numerically by n.
  await notes.write([
    { type: "put", key: encodeTuple(["note", "groceries", 2]), value: utf8Encode("oat milk") },
    { type: "put", key: encodeTuple(["note", "groceries", 10]), value: utf8Encode("coffee") },
    { type: "put", key: encodeTuple(["note", "groceries", 1]), value: utf8Encode("bread") },
    { type: "put", key: encodeTuple(["note", "work", 1]), value: utf8Encode("ship v0.1") },
  ]);
  console.log("wrote 4 notes in one atomic write()");

  console.log("groceries, in key order:");
  for await (const [, value] of notes.scan(tupleRange(["note", "groceries"]))) {
    console.log(`  - ${utf8Decode(value)}`);
  }

  const bob = root.forNamespace("quickstart").forTenant("bob");
  console.log(
    `bob sees ${(await bob.listKeys()).length} keys; alice sees ${(await notes.listKeys()).length}`,
  );

  try {
    await notes.set("", utf8Encode("nope"));
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    console.log(`an empty key is refused: ${error.code}: ${error.message}`);
  }
} finally {
  await root.close();
  console.log("closed");
}
