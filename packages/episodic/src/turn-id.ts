/**
 * Turn ids: 11 base-36 digits of the timestamp, 4 of a per-process sequence, 8 random ones.
 * They sort by timestamp, keep the order of turns one process appends in the same
 * millisecond, and the random tail keeps ids from different processes apart.
 */
import { randomFillSync } from "node:crypto";

const SEQUENCE_SPACE = 36 ** 4;
let sequence = Math.floor(Math.random() * SEQUENCE_SPACE);

/** Random bytes drawn 4 KiB at a time: one `randomBytes` call per id was a tenth of a batch. */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBase36(length: number): string {
  if (used + length > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let out = "";
  for (let i = 0; i < length; i++) out += (pool[used++]! % 36).toString(36);
  return out;
}

/** The first 11 characters of every id stamped `timestamp`; they sort as the timestamps do. */
export const timestampPrefix = (timestamp: number): string =>
  timestamp.toString(36).padStart(11, "0");

export function newTurnId(timestamp: number): string {
  sequence = (sequence + 1) % SEQUENCE_SPACE;
  return timestampPrefix(timestamp) + sequence.toString(36).padStart(4, "0") + randomBase36(8);
}
