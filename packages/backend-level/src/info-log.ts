/**
 * What LevelDB wrote to its info log (`<dir>/LOG`, started afresh at every open) while it
 * recovered the write-ahead log. classic-level opens without `paranoid_checks`, so LevelDB
 * skips a corrupt log record and goes on ("(ignoring error) …: dropping N bytes; Corruption:
 * …"): the writes in it are lost, and the LOG line is the only trace. This reads it back.
 */
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";

export interface DroppedLogRecords {
  /** The write-ahead log file, e.g. `000003.log`. */
  readonly file: string;
  readonly bytes: number;
  /** LevelDB's reason, e.g. `Corruption: checksum mismatch`. */
  readonly reason: string;
}

const DROPPED = /(?:\(ignoring error\) )?(\S+): dropping (\d+) bytes; (.*)$/;

export async function droppedAtRecovery(directory: string): Promise<DroppedLogRecords[]> {
  let text: string;
  try {
    text = await readFile(join(directory, "LOG"), "utf8");
  } catch {
    return [];
  }
  const dropped: DroppedLogRecords[] = [];
  for (const line of text.split("\n")) {
    const match = DROPPED.exec(line);
    if (match === null) continue;
    dropped.push({ file: basename(match[1]!), bytes: Number(match[2]), reason: match[3]! });
  }
  return dropped;
}
