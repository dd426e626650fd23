/** Paged listings: an agent's skills (optionally of one category) and a skill's versions. */
import {
  decodeCounter,
  decodeCursor,
  decodeTuple,
  encodeCursor,
  type Page,
  page,
  requireLimit,
} from "@mnemo/core";
import { type Context, headCodec, isTombstone, liveHead } from "./context.js";
import {
  categoryKey,
  categoryRange,
  skillCountKey,
  skillCountsRange,
  skillKey,
  skillsOf,
  versionKey,
} from "./keys.js";
import { publicSkill, type Skill } from "./skill.js";

export const DEFAULT_PAGE = 100;

/** `range` from just after `gt`. */
/** Heads read per batch by a category listing. */
const HEAD_BATCH = 32;

const from = (range: { readonly lt?: string }, gt: string) =>
  range.lt === undefined ? { gt } : { gt, lt: range.lt };
export const MAX_PAGE = 1000;
/**
 * A page ends early once it holds this many bytes of records (always at least one): 1,000
 * skills of up to 4 MiB each must not become one 4 GiB answer. `nextCursor` says there is more.
 */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/** Current versions of an agent's skills in name order, optionally of one category. */
export async function listSkills(
  ctx: Context,
  agent: string,
  category: string | undefined,
  cursor: unknown,
  limitInput: unknown,
): Promise<Page<Skill>> {
  const limit = requireLimit(limitInput, DEFAULT_PAGE, MAX_PAGE);
  const tag = category ?? "";
  const after =
    cursor === undefined
      ? undefined
      : decodeCursor(cursor, "skill listing", (parts) =>
          parts.length === 4 &&
          parts[0] === "skills" &&
          parts[1] === agent &&
          parts[2] === tag &&
          typeof parts[3] === "string"
            ? parts[3]
            : undefined,
        );
  const items: Skill[] = [];
  let more = false;
  let bytes = 0;
  /** The last entry this page examined: the next page starts after it. */
  let lastName: string | undefined;
  if (category === undefined) {
    const range = skillsOf(agent);
    const gt = after === undefined ? undefined : skillKey(agent, after);
    for await (const [k, value] of ctx.store.scan(after === undefined ? range : from(range, gt!))) {
      const head = headCodec.decode(value, k);
      if (isTombstone(head)) continue;
      if (
        items.length === limit ||
        (items.length > 0 && bytes + value.byteLength > MAX_PAGE_BYTES)
      ) {
        more = true;
        break;
      }
      bytes += value.byteLength;
      items.push(publicSkill(head));
    }
  } else {
    const range = categoryRange(agent, category);
    const gt = after === undefined ? undefined : categoryKey(agent, category, after);
    const names: string[] = [];
    for await (const [k] of ctx.store.scan({
      ...(gt === undefined ? range : from(range, gt)),
      limit: limit + 1,
    })) {
      names.push(decodeTuple(k)[3] as string);
    }
    more = names.length > limit;
    // Heads in small batches, so the byte bound holds without reading far past it.
    let examined = 0;
    pages: for (let i = 0; i < Math.min(names.length, limit); i += HEAD_BATCH) {
      const batch = names.slice(i, Math.min(i + HEAD_BATCH, limit));
      const heads = await ctx.store.getBatch(batch.map((n) => skillKey(agent, n)));
      for (const name of batch) {
        const raw = heads.get(skillKey(agent, name));
        if (items.length > 0 && raw !== undefined && bytes + raw.byteLength > MAX_PAGE_BYTES) {
          more = true;
          break pages;
        }
        examined++;
        bytes += raw?.byteLength ?? 0;
        const head = liveHead(raw, skillKey(agent, name));
        // Entries change with their head in one commit; stay defensive all the same.
        if (head?.category === category) items.push(publicSkill(head));
      }
    }
    lastName = names[examined - 1];
  }
  lastName ??= items.at(-1)?.name;
  return page(
    items,
    more && lastName !== undefined ? encodeCursor(["skills", agent, tag, lastName]) : undefined,
  );
}

/** Every version of a skill, oldest first, the current one last. Empty when there is none. */
export async function listVersions(
  ctx: Context,
  agent: string,
  name: string,
  cursor: unknown,
  limitInput: unknown,
): Promise<Page<Skill>> {
  const limit = requireLimit(limitInput, DEFAULT_PAGE, MAX_PAGE);
  const after =
    cursor === undefined
      ? 0
      : decodeCursor(cursor, "version listing", (parts) =>
          parts.length === 4 &&
          parts[0] === "skill-versions" &&
          parts[1] === agent &&
          parts[2] === name &&
          Number.isSafeInteger(parts[3]) &&
          (parts[3] as number) >= 1
            ? (parts[3] as number)
            : undefined,
        );
  const headKey = skillKey(agent, name);
  const head = liveHead(await ctx.store.get(headKey), headKey);
  if (head === undefined || after >= head.version) return page([], undefined);
  const first = after + 1;
  let last = Math.min(after + limit, head.version);
  const items: Skill[] = [];
  let bytes = 0;
  const oldLast = Math.min(last, head.version - 1);
  if (first <= oldLast) {
    for await (const [k, value] of ctx.store.scan({
      gte: versionKey(agent, name, head.incarnation, first),
      lte: versionKey(agent, name, head.incarnation, oldLast),
    })) {
      const record = headCodec.decode(value, k);
      if (isTombstone(record)) continue;
      if (items.length > 0 && bytes + value.byteLength > MAX_PAGE_BYTES) {
        last = items.at(-1)!.version;
        break;
      }
      bytes += value.byteLength;
      items.push(publicSkill(record));
    }
  }
  if (last === head.version) items.push(publicSkill(head));
  return page(
    items,
    last < head.version ? encodeCursor(["skill-versions", agent, name, last]) : undefined,
  );
}

export interface AgentSkills {
  readonly agentId: string;
  /** How many skills the agent holds. */
  readonly skillCount: number;
}

/** A page of the agents that hold skills, in id order. */
export async function listAgents(
  ctx: Context,
  cursor: unknown,
  limitInput: unknown,
): Promise<Page<AgentSkills>> {
  const limit = requireLimit(limitInput, DEFAULT_PAGE, MAX_PAGE);
  const after =
    cursor === undefined
      ? undefined
      : decodeCursor(cursor, "agent listing", (parts) =>
          parts.length === 2 && parts[0] === "skill-agents" && typeof parts[1] === "string"
            ? parts[1]
            : undefined,
        );
  const range = skillCountsRange();
  const items: AgentSkills[] = [];
  let more = false;
  for await (const [k, value] of ctx.store.scan(
    after === undefined ? range : from(range, skillCountKey(after)),
  )) {
    const skillCount = Number(decodeCounter(value, k));
    // An agent whose last skill was deleted keeps a zero counter: not listed.
    if (skillCount <= 0) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push({ agentId: decodeTuple(k)[1] as string, skillCount });
  }
  const last = items.at(-1);
  return page(
    items,
    more && last !== undefined ? encodeCursor(["skill-agents", last.agentId]) : undefined,
  );
}
