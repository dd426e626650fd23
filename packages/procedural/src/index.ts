export type { Clock } from "@mnemo/core";
export {
  DEFAULT_MAX_SKILLS_PER_AGENT,
  MAX_MAX_SKILLS_PER_AGENT,
  type ProceduralMemoryOptions,
} from "./context.js";
export { type AgentSkills, DEFAULT_PAGE, MAX_PAGE, MAX_PAGE_BYTES } from "./listings.js";
export {
  type BestSkillsOptions,
  type GetSkillOptions,
  type ListSkillsOptions,
  type PageOptions,
  ProceduralMemory,
  type RankOptions,
  type UsageRankOptions,
} from "./procedural-memory.js";
export { DEFAULT_RANK_LIMIT, MAX_RANK_LIMIT, type RankedSkill } from "./rankings.js";
export { MAX_SKILL_BYTES, MAX_STEPS, type Skill, type SkillInput } from "./skill.js";
export {
  type Execution,
  MAX_ERROR_BYTES,
  MAX_EXECUTION_MS,
  type SkillStats,
} from "./skill-stats.js";
export { WILSON_Z, wilsonLowerBound } from "./wilson.js";
