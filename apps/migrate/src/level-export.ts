/**
 * Exporting a LevelDB store in bounded memory. LevelDB memory-maps each table file it opens
 * and keeps up to its table cache of them open (64 at the CLI's 74 open files, ~2 MiB each);
 * a scan, and the compactions a freshly written store still runs, read every page of them, so
 * the pages stay resident (file-backed RSS, ~130 MiB) until LevelDB closes the files. Only
 * closing the store does that: once the mapped pages have grown past a bound (checked every
 * MiB), the export ends its scan, reopens the store and scans on after the last key.
 */
import { readFileSync } from "node:fs";
import type { StorageBackend } from "@mnemo/core";
import type { ExportOptions } from "@mnemo/migration";
import { openStore, type StoreUrl } from "./stores.js";

const MiB = 1024 * 1024;
/** The bound is checked after each this many bytes of data (a read of /proc/self/status). */
export const LEVEL_EXPORT_CHECK_BYTES = 1 * MiB;
/** File-backed RSS growth after which the store is reopened; where unknown, bytes read. */
export const LEVEL_EXPORT_MAPPED_BYTES = 32 * MiB;

/** Linux: the process's file-backed resident bytes; `undefined` elsewhere. */
function residentFileBytes(): number | undefined {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kib = /RssFile:\s+(\d+)/.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

export interface ReopeningExport {
  /** Options for `exportStore`: none for other stores than LevelDB. */
  readonly options: Pick<ExportOptions, "endSegment" | "betweenSegments">;
  /** How many times the store was reopened. */
  reopens(): number;
  /** Closes the last reopened store (the first one is its opener's to close). */
  close(): Promise<void>;
}

export function reopeningExport(store: StorageBackend, url: StoreUrl): ReopeningExport {
  let current = store;
  let reopens = 0;
  let mark = residentFileBytes();
  /** Bytes exported at the last reopen, and at the last check. */
  let openedAt = 0;
  let checkedAt = 0;
  const endSegment = (bytes: number): boolean => {
    if (bytes - checkedAt < LEVEL_EXPORT_CHECK_BYTES) return false;
    checkedAt = bytes;
    const now = mark === undefined ? undefined : residentFileBytes();
    return now === undefined
      ? bytes - openedAt >= LEVEL_EXPORT_MAPPED_BYTES
      : now - mark! >= LEVEL_EXPORT_MAPPED_BYTES;
  };
  return {
    options:
      url.kind !== "level"
        ? {}
        : {
            endSegment,
            betweenSegments: async () => {
              await current.close();
              current = await openStore(url, { create: false });
              reopens++;
              mark = residentFileBytes();
              openedAt = checkedAt;
              return current;
            },
          },
    reopens: () => reopens,
    close: async () => {
      if (current !== store) await current.close().catch(() => {});
    },
  };
}
