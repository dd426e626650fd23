/** Reads of a session's turns (pages, the latest, counts) and the listing of sessions. */
import {
  compareKeys,
  decodeCounter,
  decodeCursor,
  decodeTuple,
  describe,
  encodeCursor,
  invalidArgument,
  type Page,
  page,
  requireArray,
  requireLimit,
  requireOptions,
  type ScanOptions,
  tupleBetween,
  tupleRange,
} from "@mnemo/core";
import {
  pointerCodec,
  pointerKey,
  SESSION_PREFIX,
  sessionKey,
  sessionPrefix,
  turnCodec,
  turnKey,
} from "./keyspace.js";
import type { Context } from "./options.js";
import {
  type Role,
  requireRole,
  requireSessionId,
  requireTimeRange,
  requireTurnId,
  type Turn,
} from "./turn.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Turns one page with a role filter reads at most: it may then return fewer than `limit`. */
export const MAX_SCANNED = 1000;

export interface ReadOptions {
  /** Default "asc" (oldest first). */
  readonly order?: "asc" | "desc";
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Only turns with one of these roles. */
  readonly roles?: readonly Role[];
  /** Default 100, at most 1000. */
  readonly limit?: number;
  /** From the previous page's `nextCursor`, with the same filters. */
  readonly cursor?: string;
}

export interface PageOptions {
  /** Default 100, at most 1000. */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface SessionInfo {
  readonly sessionId: string;
  /** Turns stored. */
  readonly turns: number;
}

export async function getTurn(ctx: Context, id: unknown): Promise<Turn | undefined> {
  const turnId = requireTurnId(id);
  const bytes = await ctx.store.get(pointerKey(turnId));
  if (bytes === undefined) return undefined;
  const pointer = pointerCodec.decode(bytes, pointerKey(turnId));
  const k = turnKey(pointer.sessionId, pointer.timestamp, turnId);
  const turn = await ctx.store.get(k);
  return turn === undefined ? undefined : turnCodec.decode(turn, k);
}

const readTurnCursor = (cursor: unknown) =>
  decodeCursor(cursor, "turn listing", (parts) => {
    const [tag, timestamp, id] = parts;
    return parts.length === 3 &&
      tag === "turns" &&
      Number.isSafeInteger(timestamp) &&
      typeof id === "string" &&
      id.length > 0
      ? { timestamp: timestamp as number, id }
      : undefined;
  });

export async function listTurns(
  ctx: Context,
  session: unknown,
  options: ReadOptions | undefined,
): Promise<Page<Turn>> {
  const sessionId = requireSessionId(session);
  const o = requireOptions(options);
  const order = o.order ?? "asc";
  if (order !== "asc" && order !== "desc") {
    throw invalidArgument("order", `must be "asc" or "desc", got ${describe(order)}`);
  }
  const { from, to } = requireTimeRange(o.from, o.to);
  const limit = requireLimit(o.limit, DEFAULT_LIMIT, MAX_LIMIT);
  let roles: ReadonlySet<Role> | undefined;
  if (o.roles !== undefined) {
    const list = requireArray(o.roles, "roles", 16);
    roles = new Set(list.map((role, i) => requireRole(role, `roles[${i}]`)));
  }
  const position = o.cursor === undefined ? undefined : readTurnCursor(o.cursor);

  const reverse = order === "desc";
  const range = tupleBetween(sessionPrefix(sessionId), from, to);
  const scan: { -readonly [K in keyof ScanOptions]: ScanOptions[K] } = { ...range, reverse };
  if (position !== undefined) {
    const after = turnKey(sessionId, position.timestamp, position.id);
    if (reverse) {
      if (range.lt === undefined || compareKeys(after, range.lt) < 0) scan.lt = after;
    } else if (compareKeys(after, range.gte) >= 0) {
      delete scan.gte;
      scan.gt = after;
    }
  }
  scan.limit = roles === undefined ? limit + 1 : MAX_SCANNED;

  const turns: Turn[] = [];
  let last: Turn | undefined;
  let scanned = 0;
  let more = false;
  for await (const [k, v] of ctx.store.scan(scan)) {
    scanned++;
    const turn = turnCodec.decode(v, k);
    if (roles !== undefined && !roles.has(turn.role)) {
      last = turn;
      continue;
    }
    if (turns.length === limit) {
      more = true;
      break;
    }
    turns.push(turn);
    last = turn;
  }
  if (roles !== undefined && scanned === MAX_SCANNED) more = true;
  return page(
    turns,
    more && last !== undefined ? encodeCursor(["turns", last.timestamp, last.id]) : undefined,
  );
}

export async function countTurns(ctx: Context, session: unknown): Promise<number> {
  const sessionId = requireSessionId(session);
  const bytes = await ctx.store.get(sessionKey(sessionId));
  return bytes === undefined ? 0 : Number(decodeCounter(bytes, sessionKey(sessionId)));
}

const readSessionCursor = (cursor: unknown) =>
  decodeCursor(cursor, "session listing", (parts) =>
    parts.length === 2 && parts[0] === "sessions" && typeof parts[1] === "string" && parts[1] !== ""
      ? parts[1]
      : undefined,
  );

export async function listSessions(
  ctx: Context,
  options: PageOptions | undefined,
): Promise<Page<SessionInfo>> {
  const o = requireOptions(options);
  const limit = requireLimit(o.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const position = o.cursor === undefined ? undefined : readSessionCursor(o.cursor);
  const range = tupleRange(SESSION_PREFIX);
  const scan: ScanOptions =
    position === undefined
      ? { ...range, limit: MAX_SCANNED }
      : {
          gt: sessionKey(position),
          ...(range.lt === undefined ? {} : { lt: range.lt }),
          limit: MAX_SCANNED,
        };
  const items: SessionInfo[] = [];
  let last: string | undefined;
  let scanned = 0;
  let more = false;
  for await (const [k, v] of ctx.store.scan(scan)) {
    scanned++;
    const sessionId = decodeTuple(k)[1] as string;
    const turns = Number(decodeCounter(v, k));
    // A session whose turns were deleted one by one keeps a zero counter: not listed.
    if (turns > 0) {
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push({ sessionId, turns });
    }
    last = sessionId;
  }
  if (scanned === MAX_SCANNED) more = true;
  return page(items, more && last !== undefined ? encodeCursor(["sessions", last]) : undefined);
}
