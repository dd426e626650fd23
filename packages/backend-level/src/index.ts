export type { Durability } from "./durability.js";
export type { DroppedLogRecords } from "./info-log.js";
export { LevelBackend } from "./level-backend.js";
export { type LevelBackendOptions, openLevelBackend } from "./level-open.js";
export type { LevelOpenReport, LevelWarning } from "./open-report.js";
export { type LevelRepairReport, repairLevelStore } from "./repair.js";
export type { VerifyTables } from "./store-directory.js";
