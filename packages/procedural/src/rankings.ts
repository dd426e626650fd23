/**
 * Rankings. Each reads at most the agent's skills (capped by `maxSkillsPerAgent`): the
 * category's entries for `bestSkills`, one streamed scan of the agent's statistics for
 * `mostUsed` and `recentlyUsed`; then ranks in memory and returns the top `limit`.
 */
import { decodeTuple, requireLimit, requireNonNegative } from "@mnemo/core";
import { type Context, liveHead } from "./context.js";
import { statEntries } from "./executions.js";
import {
  categoryRange,
  STAT_FIELDS,
  type StatField,
  skillKey,
  statKey,
  statsOfAgent,
} from "./keys.js";
import { publicSkill, type Skill } from "./skill.js";
import { type SkillStats, viewStats } from "./skill-stats.js";

export interface RankedSkill {
  readonly skill: Skill;
  readonly stats: SkillStats;
}

export const DEFAULT_RANK_LIMIT = 10;
export const MAX_RANK_LIMIT = 1000;
/** Skills whose stat entries are read per batch. */
const BATCH = 128;
/** Skill records read per batch (records may be large; results need few). */
const HEAD_BATCH = 32;

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Names of the skills whose current version is in `category`. */
async function categoryNames(ctx: Context, agent: string, category: string): Promise<string[]> {
  const names: string[] = [];
  for await (const [key] of ctx.store.scan(categoryRange(agent, category))) {
    names.push(decodeTuple(key)[3] as string);
  }
  return names;
}

interface Candidate {
  readonly name: string;
  readonly stats: SkillStats;
}

/** The statistics of `names`, read in batches (stat entries only, no skill records). */
async function statsOf(
  ctx: Context,
  agent: string,
  names: readonly string[],
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let i = 0; i < names.length; i += BATCH) {
    const batch = names.slice(i, i + BATCH);
    const found = await ctx.store.getBatch(
      batch.flatMap((name) => STAT_FIELDS.map((field) => statKey(agent, name, field))),
    );
    for (const name of batch) {
      out.push({ name, stats: viewStats(statEntries(found, agent, name), skillKey(agent, name)) });
    }
  }
  return out;
}

/**
 * The first `limit` of `ranked` (best first) whose skill is live (and in `category`), with
 * their records, read a small batch at a time: a skill deleted meanwhile drops out and the
 * next one moves up; records are read for the results only.
 */
async function withSkills(
  ctx: Context,
  agent: string,
  ranked: readonly Candidate[],
  limit: number,
  category: string | undefined,
): Promise<RankedSkill[]> {
  const out: RankedSkill[] = [];
  for (let i = 0; i < ranked.length && out.length < limit; i += HEAD_BATCH) {
    const batch = ranked.slice(i, i + HEAD_BATCH);
    const heads = await ctx.store.getBatch(batch.map((c) => skillKey(agent, c.name)));
    for (const { name, stats } of batch) {
      const head = liveHead(heads.get(skillKey(agent, name)), skillKey(agent, name));
      if (head === undefined || (category !== undefined && head.category !== category)) continue;
      out.push({ skill: publicSkill(head), stats });
      if (out.length === limit) break;
    }
  }
  return out;
}

/**
 * The best skills of a category by the lower bound of the Wilson score interval of their
 * success rate (z = 1.96), then by usage, then by name. Skills never executed score 0.
 */
export async function bestSkills(
  ctx: Context,
  agent: string,
  category: string,
  limitInput: unknown,
  minExecutionsInput: unknown,
): Promise<RankedSkill[]> {
  const limit = requireLimit(limitInput, DEFAULT_RANK_LIMIT, MAX_RANK_LIMIT);
  const minExecutions =
    minExecutionsInput === undefined ? 0 : requireNonNegative(minExecutionsInput, "minExecutions");
  const members = await statsOf(ctx, agent, await categoryNames(ctx, agent, category));
  const ranked = members
    .filter(({ stats }) => stats.usageCount >= minExecutions)
    .sort(
      (a, b) =>
        b.stats.wilsonScore - a.stats.wilsonScore ||
        b.stats.usageCount - a.stats.usageCount ||
        byName(a, b),
    );
  return withSkills(ctx, agent, ranked, limit, category);
}

/** Executed skills by a figure of their statistics, highest first, optionally of one category. */
export async function rankByStats(
  ctx: Context,
  agent: string,
  figure: (stats: SkillStats) => number,
  limitInput: unknown,
  category: string | undefined,
): Promise<RankedSkill[]> {
  const limit = requireLimit(limitInput, DEFAULT_RANK_LIMIT, MAX_RANK_LIMIT);
  const members =
    category === undefined ? undefined : new Set(await categoryNames(ctx, agent, category));
  // One streamed scan of the agent's stat entries, grouped by skill (they are adjacent).
  const candidates: Candidate[] = [];
  let name: string | undefined;
  let entries = new Map<StatField, Uint8Array>();
  const flush = () => {
    if (name !== undefined && (members === undefined || members.has(name))) {
      candidates.push({ name, stats: viewStats(entries, skillKey(agent, name)) });
    }
    entries = new Map();
  };
  for await (const [key, value] of ctx.store.scan(statsOfAgent(agent))) {
    const tuple = decodeTuple(key);
    const skill = tuple[2] as string;
    if (skill !== name) {
      flush();
      name = skill;
    }
    entries.set(tuple[3] as StatField, value);
  }
  flush();
  candidates.sort((a, b) => figure(b.stats) - figure(a.stats) || byName(a, b));
  return withSkills(ctx, agent, candidates, limit, category);
}
