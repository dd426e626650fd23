/**
 * Procedural memory: skills per agent with versioned content, and execution statistics that
 * concurrent writers (several processes on one PostgreSQL) never lose, because every
 * execution adds to counters with the backend's atomic `sum` in one checked commit.
 */
import {
  optional,
  type Page,
  requireId,
  requireInteger,
  requireOptions,
  type StorageBackend,
} from "@mnemo/core";
import { Context, type ProceduralMemoryOptions } from "./context.js";
import { getStats, HeadVersions, recordExecution } from "./executions.js";
import { requireKeysFit, skillKey } from "./keys.js";
import { type AgentSkills, listAgents, listSkills, listVersions } from "./listings.js";
import { bestSkills, type RankedSkill, rankByStats } from "./rankings.js";
import type { Skill, SkillInput } from "./skill.js";
import type { Execution, SkillStats } from "./skill-stats.js";
import { deleteSkill, getSkill, saveSkill } from "./skills.js";

export interface PageOptions {
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
}

export interface ListSkillsOptions extends PageOptions {
  /** Only skills whose current version is in this category. */
  readonly category?: string;
}

export interface GetSkillOptions {
  /** A version number; default the current one. */
  readonly version?: number;
}

export interface RankOptions {
  /** Default 10, at most 1,000. */
  readonly limit?: number;
}

export interface BestSkillsOptions extends RankOptions {
  /** Leave out skills with fewer executions. Default 0. */
  readonly minExecutions?: number;
}

export interface UsageRankOptions extends RankOptions {
  /** Only skills of this category. */
  readonly category?: string;
}

export class ProceduralMemory {
  readonly #ctx: Context;
  /** Head versions this instance last committed against: the steady state reads nothing. */
  readonly #heads = new HeadVersions();

  constructor(store: StorageBackend, options?: ProceduralMemoryOptions) {
    this.#ctx = new Context(store, options);
  }

  /**
   * Creates the skill, or stores a new version of it when anything differs from the current
   * one (an identical save returns the current version unchanged).
   */
  async saveSkill(agentId: string, input: SkillInput): Promise<Skill> {
    const { skill, headVersion } = await saveSkill(this.#ctx, agentId, input);
    if (headVersion !== undefined) this.#heads.set(headKeyOf(skill), headVersion);
    return skill;
  }

  /** The current version, or the given one; `undefined` when there is none. */
  async getSkill(
    agentId: string,
    name: string,
    options?: GetSkillOptions,
  ): Promise<Skill | undefined> {
    const agent = requireId(agentId, "agentId");
    const skill = requireId(name, "name");
    const { version } = requireOptions(options);
    const wanted = optional(version, "version", (v, f) =>
      requireInteger(v, f, 1, Number.MAX_SAFE_INTEGER),
    );
    requireKeysFit(agent, skill);
    return getSkill(this.#ctx, agent, skill, wanted);
  }

  /** A page of the skill's versions, oldest first, the current one last. */
  async listVersions(agentId: string, name: string, options?: PageOptions): Promise<Page<Skill>> {
    const agent = requireId(agentId, "agentId");
    const skill = requireId(name, "name");
    const { cursor, limit } = requireOptions(options);
    requireKeysFit(agent, skill);
    return listVersions(this.#ctx, agent, skill, cursor, limit);
  }

  /** A page of the agent's current skills in name order, optionally of one category. */
  async listSkills(agentId: string, options?: ListSkillsOptions): Promise<Page<Skill>> {
    const agent = requireId(agentId, "agentId");
    const { category, cursor, limit } = requireOptions(options);
    const only = optional(category, "category", requireId);
    return listSkills(this.#ctx, agent, only, cursor, limit);
  }

  /** A page of the agents that hold skills, in id order, with how many each holds. */
  async listAgents(options?: PageOptions): Promise<Page<AgentSkills>> {
    const { cursor, limit } = requireOptions(options);
    return listAgents(this.#ctx, cursor, limit);
  }

  /** Removes a skill with its versions, statistics and index entries; false when absent. */
  deleteSkill(agentId: string, name: string): Promise<boolean> {
    return deleteSkill(this.#ctx, agentId, name);
  }

  /** Counts one execution of a skill: success or failure, duration, last use. */
  recordExecution(agentId: string, name: string, execution: Execution): Promise<void> {
    return recordExecution(this.#ctx, this.#heads, agentId, name, execution);
  }

  /** Counts and figures (zero before the first execution); `undefined` when there is no skill. */
  async getStats(agentId: string, name: string): Promise<SkillStats | undefined> {
    const agent = requireId(agentId, "agentId");
    const skill = requireId(name, "name");
    requireKeysFit(agent, skill);
    return getStats(this.#ctx, agent, skill);
  }

  /** The best skills of a category by the Wilson lower bound of their success rate. */
  async bestSkills(
    agentId: string,
    category: string,
    options?: BestSkillsOptions,
  ): Promise<RankedSkill[]> {
    const agent = requireId(agentId, "agentId");
    const only = requireId(category, "category");
    const { limit, minExecutions } = requireOptions(options);
    return bestSkills(this.#ctx, agent, only, limit, minExecutions);
  }

  /** Executed skills with the most executions first. */
  async mostUsed(agentId: string, options?: UsageRankOptions): Promise<RankedSkill[]> {
    const agent = requireId(agentId, "agentId");
    const { limit, category } = requireOptions(options);
    const only = optional(category, "category", requireId);
    return rankByStats(this.#ctx, agent, (s) => s.usageCount, limit, only);
  }

  /** Executed skills, most recently executed first. */
  async recentlyUsed(agentId: string, options?: UsageRankOptions): Promise<RankedSkill[]> {
    const agent = requireId(agentId, "agentId");
    const { limit, category } = requireOptions(options);
    const only = optional(category, "category", requireId);
    return rankByStats(this.#ctx, agent, (s) => s.lastUsedAt ?? 0, limit, only);
  }
}

const headKeyOf = (skill: Skill) => skillKey(skill.agentId, skill.name);
