export type { Durability } from "./durability.js";
export { LevelBackend, type LevelBackendOptions, openLevelBackend } from "./level-backend.js";
