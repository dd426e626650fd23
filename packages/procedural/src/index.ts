export type { Clock } from "@mnemo/core";
export {
  type BestSkillsOptions,
  ProceduralMemory,
  type ProceduralMemoryOptions,
  type RankedSkill,
  type RankOptions,
  type UsageRankOptions,
} from "./procedural-memory.js";
export type { Skill, SkillInput } from "./skill.js";
export type { Execution, SkillStats, SkillStatsView } from "./skill-stats.js";
export { WILSON_Z, wilsonLowerBound } from "./wilson.js";
