/**
 * Saving and deleting skills. The head record, its superseded version, its category entry,
 * the skill count and (on delete) its statistics change in one checked commit guarded by the
 * head's version, so an index entry never points at nothing and is never left stale.
 */
import { randomBytes } from "node:crypto";
import {
  decodeCounter,
  describe,
  requireId,
  StorageError,
  type Transaction,
  transact,
} from "@mnemo/core";
import { type Context, headCodec, isTombstone } from "./context.js";
import {
  categoryKey,
  requireKeysFit,
  STAT_FIELDS,
  skillCountKey,
  skillKey,
  statKey,
  versionKey,
  versionsOf,
} from "./keys.js";
import {
  publicSkill,
  type Skill,
  type SkillInput,
  type SkillRecord,
  sameBody,
  validateSkillInput,
} from "./skill.js";

const EMPTY = new Uint8Array(0);
/** Version records removed per write when a deleted skill's history is purged. */
const PURGE_BATCH = 500;

const newIncarnation = () => randomBytes(8).toString("base64url");

export interface Saved {
  readonly skill: Skill;
  /** The head's version after the save, when the save wrote it. */
  readonly headVersion?: string;
}

export async function saveSkill(ctx: Context, agentId: unknown, input: SkillInput): Promise<Saved> {
  const agent = requireId(agentId, "agentId");
  const body = validateSkillInput(input);
  requireKeysFit(agent, body.name, body.category);
  const now = ctx.now();
  const headKey = skillKey(agent, body.name);
  const { result, version } = await transact(
    ctx.store,
    async (tx) => {
      const raw = await tx.get(headKey);
      const head = raw === undefined ? undefined : headCodec.decode(raw, headKey);
      if (head !== undefined && !isTombstone(head)) {
        if (sameBody(head, body)) return { record: head, wrote: false, purge: undefined };
        const next: SkillRecord = {
          agentId: agent,
          ...body,
          version: head.version + 1,
          createdAt: head.createdAt,
          updatedAt: Math.max(now, head.updatedAt),
          incarnation: head.incarnation,
        };
        tx.put(headKey, headCodec.encode(next));
        tx.put(versionKey(agent, head.name, head.incarnation, head.version), raw!);
        if (head.category !== next.category) {
          tx.delete(categoryKey(agent, head.category, head.name));
          tx.put(categoryKey(agent, next.category, next.name), EMPTY);
        }
        return { record: next, wrote: true, purge: undefined };
      }
      await reserveSkillSlot(ctx, tx, agent, body.name);
      const created: SkillRecord = {
        agentId: agent,
        ...body,
        version: 1,
        createdAt: now,
        updatedAt: now,
        incarnation: newIncarnation(),
      };
      tx.put(headKey, headCodec.encode(created));
      tx.put(categoryKey(agent, created.category, created.name), EMPTY);
      // A tombstone's incarnation is dead for good: its leftover versions can go.
      return { record: created, wrote: true, purge: head?.incarnation };
    },
    { maxAttempts: ctx.maxAttempts },
  );
  if (result.purge !== undefined) await purgeVersions(ctx, agent, body.name, result.purge);
  const skill = publicSkill(result.record);
  return result.wrote ? { skill, headVersion: version } : { skill };
}

/** Counts a new skill against the agent's limit; refuses once the limit is reached. */
async function reserveSkillSlot(ctx: Context, tx: Transaction, agent: string, name: string) {
  const countKey = skillCountKey(agent);
  const raw = await tx.get(countKey);
  const count = raw === undefined ? 0 : Number(decodeCounter(raw, countKey));
  if (count >= ctx.maxSkillsPerAgent) {
    throw new StorageError(
      "FAILED_PRECONDITION",
      `agent ${describe(agent)} already has ${count} skills (maxSkillsPerAgent); ${describe(name)} was not saved`,
      { details: { agentId: agent, limit: ctx.maxSkillsPerAgent } },
    );
  }
  tx.sum(countKey, 1);
}

/**
 * Deletes the skill: one commit replaces the head with a tombstone and removes its category
 * entry, statistics and slot; its versions are then removed in batches and the tombstone
 * last. A crash in between leaves a tombstone that readers ignore and that the next save or
 * delete of the name finishes.
 */
export async function deleteSkill(ctx: Context, agentId: unknown, name: unknown): Promise<boolean> {
  const agent = requireId(agentId, "agentId");
  const skillName = requireId(name, "name");
  requireKeysFit(agent, skillName);
  const headKey = skillKey(agent, skillName);
  const { result, version } = await transact(
    ctx.store,
    async (tx) => {
      const entry = await tx.getEntry(headKey);
      if (entry === undefined) return { deleted: false, incarnation: undefined, at: undefined };
      const head = headCodec.decode(entry.value, headKey);
      if (isTombstone(head)) {
        return { deleted: false, incarnation: head.incarnation, at: entry.version };
      }
      tx.put(headKey, headCodec.encode({ tombstone: true, incarnation: head.incarnation }));
      tx.delete(categoryKey(agent, head.category, skillName));
      for (const field of STAT_FIELDS) tx.delete(statKey(agent, skillName, field));
      tx.sum(skillCountKey(agent), -1);
      return { deleted: true, incarnation: head.incarnation, at: undefined };
    },
    { maxAttempts: ctx.maxAttempts },
  );
  if (result.incarnation !== undefined) {
    await purgeVersions(ctx, agent, skillName, result.incarnation);
    // Only the tombstone this call saw: a skill saved over it meanwhile stays.
    await ctx.store.commit(
      [{ key: headKey, version: result.at ?? version }],
      [{ type: "del", key: headKey }],
    );
  }
  return result.deleted;
}

/** Removes every version record of a dead incarnation, a batch per write. */
async function purgeVersions(ctx: Context, agent: string, name: string, incarnation: string) {
  for (;;) {
    const batch: string[] = [];
    for await (const [key] of ctx.store.scan({
      ...versionsOf(agent, name, incarnation),
      limit: PURGE_BATCH,
    })) {
      batch.push(key);
    }
    if (batch.length === 0) return;
    await ctx.store.deleteBatch(batch);
    if (batch.length < PURGE_BATCH) return;
  }
}

/** The current version, or the given one; `undefined` when there is none. */
export async function getSkill(
  ctx: Context,
  agent: string,
  name: string,
  version: number | undefined,
): Promise<Skill | undefined> {
  const headKey = skillKey(agent, name);
  const raw = await ctx.store.get(headKey);
  const head = raw === undefined ? undefined : headCodec.decode(raw, headKey);
  if (head === undefined || isTombstone(head)) return undefined;
  if (version === undefined || head.version === version) return publicSkill(head);
  if (version > head.version) return undefined;
  const key = versionKey(agent, name, head.incarnation, version);
  const old = await ctx.store.get(key);
  if (old === undefined) return undefined;
  const record = headCodec.decode(old, key);
  return isTombstone(record) ? undefined : publicSkill(record);
}
