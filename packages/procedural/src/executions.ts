/**
 * Recording executions: one checked commit per execution, with no read in the steady state.
 * The commit adds to the skill's counters with `sum` and is guarded by the version of the
 * skill's head record, which this instance remembers from its last commit or read: a skill
 * deleted (or saved) meanwhile fails the check, and the call reads the head again — so an
 * execution racing `deleteSkill` is either counted before the delete (and deleted with it) or
 * refused with `NOT_FOUND`, never left behind as orphan statistics.
 */
import { describe, type Mutation, requireId, StorageError } from "@mnemo/core";
import { type Context, liveHead } from "./context.js";
import { requireKeysFit, STAT_FIELDS, type StatField, skillKey, statKey } from "./keys.js";
import {
  durationMicros,
  lastCodec,
  type SkillStats,
  validateExecution,
  viewStats,
} from "./skill-stats.js";

/** Heads whose versions one instance remembers (the oldest is forgotten first). */
const MAX_REMEMBERED_HEADS = 10_000;

export class HeadVersions {
  readonly #versions = new Map<string, string>();

  get(key: string): string | undefined {
    return this.#versions.get(key);
  }

  set(key: string, version: string): void {
    this.#versions.delete(key);
    this.#versions.set(key, version);
    if (this.#versions.size > MAX_REMEMBERED_HEADS) {
      const oldest = this.#versions.keys().next().value;
      if (oldest !== undefined) this.#versions.delete(oldest);
    }
  }

  forget(key: string): void {
    this.#versions.delete(key);
  }
}

export async function recordExecution(
  ctx: Context,
  heads: HeadVersions,
  agentId: unknown,
  name: unknown,
  execution: unknown,
): Promise<void> {
  const agent = requireId(agentId, "agentId");
  const skill = requireId(name, "name");
  requireKeysFit(agent, skill);
  const checked = validateExecution(execution);
  const at = ctx.now();
  const headKey = skillKey(agent, skill);
  const mutations: Mutation[] = [
    { type: "sum", key: statKey(agent, skill, checked.success ? "ok" : "fail"), delta: 1n },
    {
      type: "sum",
      key: statKey(agent, skill, "us"),
      delta: BigInt(durationMicros(checked.durationMs)),
    },
    {
      type: "put",
      key: statKey(agent, skill, checked.success ? "last-ok" : "last-fail"),
      value: lastCodec.encode({
        at,
        ...(checked.error === undefined ? {} : { error: checked.error }),
      }),
    },
  ];
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    const version = heads.get(headKey) ?? (await readHeadVersion(ctx, headKey, agent, skill));
    const outcome = await ctx.store.commit([{ key: headKey, version }], mutations);
    if (outcome.ok) {
      heads.set(headKey, version);
      return;
    }
    heads.forget(headKey);
  }
  throw new StorageError(
    "CONFLICT",
    `recordExecution: skill ${describe(skill)} of agent ${describe(agent)} still changing after ${ctx.maxAttempts} attempts`,
    { details: { agentId: agent, name: skill, attempts: ctx.maxAttempts } },
  );
}

/** The version of the skill's live head; `NOT_FOUND` when there is none. */
async function readHeadVersion(ctx: Context, headKey: string, agent: string, skill: string) {
  const entry = await ctx.store.getEntry(headKey);
  if (entry === undefined || liveHead(entry.value, headKey) === undefined) {
    throw new StorageError(
      "NOT_FOUND",
      `agent ${describe(agent)} has no skill ${describe(skill)}`,
      {
        details: { agentId: agent, name: skill },
      },
    );
  }
  return entry.version;
}

/** The skill's statistics (zero before its first execution); `undefined` when there is no skill. */
export async function getStats(
  ctx: Context,
  agent: string,
  skill: string,
): Promise<SkillStats | undefined> {
  const headKey = skillKey(agent, skill);
  const keys = STAT_FIELDS.map((field) => statKey(agent, skill, field));
  const found = await ctx.store.getBatch([headKey, ...keys]);
  if (liveHead(found.get(headKey), headKey) === undefined) return undefined;
  return viewStats(statEntries(found, agent, skill), headKey);
}

/** The stat entries of one skill out of a batch read, by field. */
export function statEntries(
  found: ReadonlyMap<string, Uint8Array>,
  agent: string,
  skill: string,
): Map<StatField, Uint8Array> {
  const entries = new Map<StatField, Uint8Array>();
  for (const field of STAT_FIELDS) {
    const bytes = found.get(statKey(agent, skill, field));
    if (bytes !== undefined) entries.set(field, bytes);
  }
  return entries;
}
