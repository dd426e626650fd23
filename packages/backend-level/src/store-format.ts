/**
 * The store's value format, kept under a reserved key. A store this version creates says
 * "every value is an envelope" from its first write, so any value that is not a valid
 * envelope is corruption, never an old-format value read as-is. A store written before the
 * envelope (values stored raw, no marker) is upgraded once, when this version first opens
 * it: every value is rewritten as an envelope of version `formatVersion(0)`, in batches that
 * record how far they got, so a crash resumes where it stopped; the marker is written last.
 * Until the marker exists nothing is served, so no read ever has to guess a value's format.
 */
import { StorageError } from "@mnemo/core";
import type { ClassicLevel } from "classic-level";
import { LEGACY_COMMIT } from "./commit-clock.js";
import { isSealed, seal, sealedValue, verify } from "./envelope.js";
import { FIRST_DATA_KEY, FORMAT_KEY } from "./keyspace.js";

type Db = ClassicLevel<string, Uint8Array>;

/** The format this version writes. */
export const STORE_FORMAT = 1;
/** How far an interrupted upgrade got: every stored key up to this one is an envelope. */
export const UPGRADE_PROGRESS_KEY = "\0mnemo\0upgrade";
const UPGRADE_BATCH = 1000;
const UPGRADE_BATCH_BYTES = 8 * 1024 * 1024;

const SYNCED = { sync: true } as const;

export function formatMarker(): Uint8Array {
  return seal(FORMAT_KEY, 0, new Uint8Array([STORE_FORMAT]));
}

function hasData(db: Db): Promise<boolean> {
  return db
    .keys({ gte: FIRST_DATA_KEY, limit: 1 })
    .all()
    .then((keys) => keys.length > 0);
}

/**
 * Makes sure the store is in the envelope format, upgrading a store written before it.
 * Returns how many values were upgraded by this call.
 */
export async function prepareFormat(db: Db, location: string): Promise<number> {
  const marker = db.getSync(FORMAT_KEY);
  if (marker !== undefined) {
    const format = sealedValue(verify(FORMAT_KEY, "(store format marker)", marker))[0];
    if (format !== STORE_FORMAT) {
      throw new StorageError(
        "FAILED_PRECONDITION",
        `LevelDB store ${location} has value format ${format}; this version of @mnemo/backend-level reads format ${STORE_FORMAT}: upgrade the package`,
        { details: { location, format } },
      );
    }
    return 0;
  }
  const progress = db.getSync(UPGRADE_PROGRESS_KEY);
  if (progress === undefined && !(await hasData(db))) {
    await db.put(FORMAT_KEY, formatMarker(), SYNCED);
    return 0;
  }
  return upgrade(db, location, progress === undefined ? undefined : progress);
}

async function upgrade(db: Db, location: string, progress: Uint8Array | undefined) {
  const after =
    progress === undefined
      ? undefined
      : new TextDecoder().decode(
          sealedValue(verify(UPGRADE_PROGRESS_KEY, "(upgrade progress)", progress)),
        );
  const iterator = db.iterator<string, Uint8Array>(
    after === undefined
      ? { gte: FIRST_DATA_KEY, highWaterMarkBytes: UPGRADE_BATCH_BYTES }
      : { gt: after, highWaterMarkBytes: UPGRADE_BATCH_BYTES },
  );
  let upgraded = 0;
  try {
    for (;;) {
      const chunk = await iterator.nextv(UPGRADE_BATCH);
      if (chunk.length === 0) break;
      const batch: { type: "put"; key: string; value: Uint8Array }[] = [];
      for (const [key, value] of chunk) {
        // A store without a marker whose values are envelopes lost its marker: wrapping them
        // again would turn every value into wrong data.
        if (isSealed(key, value)) {
          throw new StorageError(
            "CORRUPTED",
            `LevelDB store ${location} has no format marker but holds enveloped values (key ${JSON.stringify(key)}): its marker was lost; nothing was upgraded past that key`,
            { details: { location } },
          );
        }
        batch.push({ type: "put", key, value: seal(key, LEGACY_COMMIT, value) });
      }
      const last = chunk[chunk.length - 1]![0];
      batch.push({
        type: "put",
        key: UPGRADE_PROGRESS_KEY,
        value: seal(UPGRADE_PROGRESS_KEY, 0, new TextEncoder().encode(last)),
      });
      await db.batch(batch);
      upgraded += chunk.length;
    }
  } finally {
    await iterator.close();
  }
  await db.batch(
    [
      { type: "put", key: FORMAT_KEY, value: formatMarker() },
      { type: "del", key: UPGRADE_PROGRESS_KEY },
    ],
    SYNCED,
  );
  return upgraded;
}

/**
 * The largest commit number among the store's values (rebuilding the commit clock), and how
 * many values failed their checksum on the way (they stay; reading them fails).
 */
export async function largestCommit(
  db: Db,
  commitOf: (sealed: Uint8Array) => number,
): Promise<{ largest: number; corrupted: number }> {
  let largest = 0;
  let corrupted = 0;
  const iterator = db.iterator<string, Uint8Array>({
    gte: FIRST_DATA_KEY,
    highWaterMarkBytes: UPGRADE_BATCH_BYTES,
  });
  try {
    for (;;) {
      const chunk = await iterator.nextv(UPGRADE_BATCH);
      if (chunk.length === 0) return { largest, corrupted };
      for (const [key, value] of chunk) {
        if (!isSealed(key, value)) {
          corrupted++;
          continue;
        }
        const commit = commitOf(value);
        if (commit > largest) largest = commit;
      }
    }
  } finally {
    await iterator.close();
  }
}
