/**
 * Posting blocks: the postings of one term for the turns of one append call, in one value.
 * A batch of 500 turns writes one key per distinct term instead of one per (term, turn), and
 * a search reads a term's postings in a few hundred values instead of one key each.
 */
import type { PostingBlock } from "./keyspace.js";

/** One posting, decoded. */
export interface BlockPosting {
  readonly id: string;
  readonly sessionId: string;
  readonly timestamp: number;
  readonly tf: number;
  readonly length: number;
}

/**
 * Most distinct terms of a turn whose postings share blocks with other turns. Deleting a turn
 * rewrites each shared block under a version check, and a commit holds at most 100 checks;
 * a turn with more terms gets blocks of its own (under its own id), deleted without checks.
 */
export const MAX_SHARED_TERMS = 64;

/** The block id of a turn's postings, given its append call's shared block id. */
export const blockOf = (id: string, terms: number, shared: string): string =>
  terms > MAX_SHARED_TERMS ? id : shared;

/** A block's distinct sessions, in first-seen order: the table its session indexes point into. */
export class SessionTable {
  readonly sessions: string[] = [];
  readonly #index = new Map<string, number>();

  /** The index of `session`, added at the end when new. */
  indexOf(session: string): number {
    let i = this.#index.get(session);
    if (i === undefined) {
      i = this.sessions.length;
      this.sessions.push(session);
      this.#index.set(session, i);
    }
    return i;
  }
}

export function encodeBlock(postings: readonly BlockPosting[]): PostingBlock {
  const table = new SessionTable();
  return [
    postings.map((p) => p.id).join(","),
    table.sessions,
    postings.map((p) => table.indexOf(p.sessionId)),
    postings.map((p) => p.timestamp),
    postings.map((p) => p.tf),
    postings.map((p) => p.length),
  ];
}

export function decodeBlock(block: PostingBlock): BlockPosting[] {
  const [ids, sessions, session, timestamps, tfs, lengths] = block;
  return ids.split(",").map((id, i) => ({
    id,
    sessionId: sessions[session[i]!]!,
    timestamp: timestamps[i]!,
    tf: tfs[i]!,
    length: lengths[i]!,
  }));
}

/** The block without the postings of `ids`; `undefined` when none is left. */
export function withoutTurns(
  block: PostingBlock,
  ids: ReadonlySet<string>,
): PostingBlock | undefined {
  const kept = decodeBlock(block).filter((p) => !ids.has(p.id));
  return kept.length === 0 ? undefined : encodeBlock(kept);
}

/** The postings of several blocks in one, column by column (no object per posting). */
export function concatBlocks(blocks: readonly PostingBlock[]): PostingBlock {
  const ids: string[] = [];
  const table = new SessionTable();
  const session: number[] = [];
  const timestamps: number[] = [];
  const tfs: number[] = [];
  const lengths: number[] = [];
  for (const [
    blockIds,
    blockSessions,
    blockSession,
    blockTimestamps,
    blockTfs,
    blockLengths,
  ] of blocks) {
    ids.push(blockIds);
    const remap = blockSessions.map((s) => table.indexOf(s));
    for (const i of blockSession) session.push(remap[i]!);
    for (const t of blockTimestamps) timestamps.push(t);
    for (const t of blockTfs) tfs.push(t);
    for (const l of blockLengths) lengths.push(l);
  }
  return [ids.join(","), table.sessions, session, timestamps, tfs, lengths];
}
