export type { Clock } from "@mnemo/core";
export {
  type CorpusStats,
  EpisodicMemory,
  type EpisodicMemoryOptions,
  type ReadOptions,
  type SearchHit,
  type SearchOptions,
  type TurnPage,
} from "./episodic-memory.js";
export { stem, tokenize } from "./tokenizer.js";
export { ROLES, type Role, type Turn, type TurnInput } from "./turn.js";
