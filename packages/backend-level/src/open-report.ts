import type { DroppedLogRecords } from "./info-log.js";

/** What opening a LevelDB directory found and did (`LevelBackend.openReport`). */
export interface LevelOpenReport {
  /** `created`: a new store; `opened`: an existing one. */
  readonly kind: "created" | "opened";
  /** Tables whose block checksums were verified before LevelDB opened the directory. */
  readonly tablesChecked: number;
  readonly tableBytesChecked: number;
  /** Values rewritten into the envelope format by this open (a store from before it). */
  readonly valuesUpgraded: number;
  /**
   * Write-ahead log records LevelDB found corrupt and skipped while recovering: the writes in
   * them are lost (LevelDB's own report, from its info log). Empty when nothing was dropped.
   */
  readonly droppedLogRecords: readonly DroppedLogRecords[];
  /**
   * Values whose envelope failed its checksum, found by the full pass an open makes after a
   * dropped log record (to rebuild the commit clock); 0 when no pass was needed.
   */
  readonly corruptedValuesFound: number;
}

/** A problem worth an operator's attention that did not stop the open. */
export interface LevelWarning {
  readonly code: "MNEMO_LEVEL_LOG_RECORDS_DROPPED";
  readonly message: string;
  readonly location: string;
  readonly report: LevelOpenReport;
}
