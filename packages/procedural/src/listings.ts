/** Paged listings: an agent's skills (optionally of one category) and a skill's versions. */
import {
  decodeCursor,
  decodeTuple,
  encodeCursor,
  type Page,
  page,
  requireLimit,
} from "@mnemo/core";
import { type Context, headCodec, isTombstone, liveHead } from "./context.js";
import { categoryKey, categoryRange, skillKey, skillsOf, versionKey } from "./keys.js";
import { publicSkill, type Skill } from "./skill.js";

export const DEFAULT_PAGE = 100;

/** `range` from just after `gt`. */
const from = (range: { readonly lt?: string }, gt: string) =>
  range.lt === undefined ? { gt } : { gt, lt: range.lt };
export const MAX_PAGE = 1000;

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
  if (category === undefined) {
    const range = skillsOf(agent);
    const gt = after === undefined ? undefined : skillKey(agent, after);
    for await (const [k, value] of ctx.store.scan(after === undefined ? range : from(range, gt!))) {
      const head = headCodec.decode(value, k);
      if (isTombstone(head)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
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
    const heads = await ctx.store.getBatch(names.slice(0, limit).map((n) => skillKey(agent, n)));
    for (const name of names.slice(0, limit)) {
      const head = liveHead(heads.get(skillKey(agent, name)), skillKey(agent, name));
      // Entries change with their head in one commit; stay defensive all the same.
      if (head?.category === category) items.push(publicSkill(head));
    }
  }
  const last = items.at(-1);
  return page(
    items,
    more && last !== undefined ? encodeCursor(["skills", agent, tag, last.name]) : undefined,
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
  const from = after + 1;
  const to = Math.min(after + limit, head.version);
  const items: Skill[] = [];
  const oldTo = Math.min(to, head.version - 1);
  if (from <= oldTo) {
    for await (const [k, value] of ctx.store.scan({
      gte: versionKey(agent, name, head.incarnation, from),
      lte: versionKey(agent, name, head.incarnation, oldTo),
    })) {
      const record = headCodec.decode(value, k);
      if (!isTombstone(record)) items.push(publicSkill(record));
    }
  }
  if (to === head.version) items.push(publicSkill(head));
  return page(
    items,
    to < head.version ? encodeCursor(["skill-versions", agent, name, to]) : undefined,
  );
}
