export type { Clock, Page } from "@mnemo/core";
export { MAX_BATCH_BYTES, MAX_BATCH_TURNS } from "./append.js";
export type { CorpusStats } from "./corpus-stats.js";
export { DEFAULT_RECENT, EpisodicMemory } from "./episodic-memory.js";
export type { EpisodicMemoryOptions } from "./options.js";
export {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_SCANNED,
  type PageOptions,
  type ReadOptions,
  type SessionInfo,
} from "./reading.js";
export {
  DEFAULT_SEARCH_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  MAX_SEARCH_LIMIT,
  type SearchHit,
  type SearchOptions,
} from "./search.js";
export { MAX_TERMS_PER_TURN, MAX_TOKEN_CODE_POINTS, stem, tokenize } from "./tokenizer.js";
export {
  MAX_CONTENT_BYTES,
  MAX_METADATA_BYTES,
  ROLES,
  type Role,
  type Turn,
  type TurnInput,
} from "./turn.js";
