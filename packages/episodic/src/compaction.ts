/**
 * Merging posting blocks, so a term's postings stay a handful of values however many append
 * calls wrote them (one block per call otherwise: a rare term of a corpus loaded 500 turns at
 * a time would be one small value per batch). Each instance remembers the shared blocks it
 * wrote, per term and tier, a block's tier being its size (`tierOf`: 1-7 postings tier 0, 8-63
 * tier 1, …); once `FANOUT` of one tier exist they are merged, in a checked commit, into the
 * block with the smallest id of the set. Tiers by size, not by how often a block was merged,
 * so a single append's block joins other small ones: merged with a block of a 500-turn batch
 * it would rewrite that block (thousands of postings) for every eight turns appended.
 *
 * The invariant deletes rely on: a posting first written to block `o` lives in a block of the
 * same term whose id is at most `o` (merges keep the smallest id, and ids are never reused).
 * A delete that does not find `o` walks the term's blocks down from `o` to the one holding
 * the turn (`findBlock`). A merge that loses a race with a delete fails its check (on the
 * deletes counters) and is retried; the blocks stay as they are meanwhile, correct.
 */
import {
  type CommitCheck,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
  type VersionedEntry,
} from "@mnemo/core";
import { blockPostings } from "./block-codec.js";
import { mergeBlockValues } from "./block-merge.js";
import { blockCodec, blockKey, blockRange, DELETES_KEYS } from "./keyspace.js";
import type { Context } from "./options.js";

/** Blocks of one tier merged at once. */
export const FANOUT = 8;
/** A merge whose result would hold more postings is not made. */
export const MAX_MERGED_POSTINGS = 16_384;
/** Terms an instance tracks at most (a text full of unique words must not grow it forever). */
const MAX_TRACKED_TERMS = 100_000;

export interface Merge {
  readonly term: string;
  readonly ids: readonly string[];
}

/** The tier of a block of `postings`: ⌊log_FANOUT(postings)⌋, so FANOUT of one tier make the next. */
export function tierOf(postings: number): number {
  let tier = 0;
  for (let n = postings; n >= FANOUT; n /= FANOUT) tier++;
  return tier;
}

/** What one instance wrote and has not merged yet: term → tier → block ids. */
export class BlockTiers {
  readonly #tiers = new Map<string, string[][]>();

  /** Records a shared block of `postings` just written (or merged); adds the merge now due. */
  wrote(term: string, block: string, postings: number, due: Merge[]): void {
    let tiers = this.#tiers.get(term);
    if (tiers === undefined) {
      if (this.#tiers.size >= MAX_TRACKED_TERMS) return;
      tiers = [];
      this.#tiers.set(term, tiers);
    }
    const tier = tierOf(postings);
    while (tiers.length <= tier) tiers.push([]);
    const blocks = tiers[tier]!;
    blocks.push(block);
    if (blocks.length >= FANOUT) due.push({ term, ids: blocks.splice(0) });
  }
}

/** Merge rounds a call retries after a concurrent delete failed their commit. */
const MAX_MERGE_RETRIES = 3;

/**
 * Runs the due merges (and the merges they make due) in commits of up to 1,000 mutations,
 * each checking only the deletes counters (`DELETES_KEYS`), read before the blocks: a delete
 * that rewrote one of the blocks since then changed a counter, so the commit fails and its
 * merges are tried again on fresh reads (a few times, then dropped: unmerged blocks are valid).
 */
export async function runMerges(ctx: Context, due: Merge[]): Promise<void> {
  let retries = 0;
  while (due.length > 0) {
    const jobs = due.splice(0);
    const guard = await ctx.store.getEntries(DELETES_KEYS);
    const checks: CommitCheck[] = DELETES_KEYS.map((key) => ({
      key,
      version: guard.get(key)?.version ?? null,
    }));
    const keys = jobs.flatMap((m) => m.ids.map((id) => blockKey(m.term, id)));
    const found = await ctx.store.getEntries(keys);
    let mutations: Mutation[] = [];
    let done: [Merge, string, number][] = [];
    const failed: Merge[] = [];
    const flush = async () => {
      if (done.length === 0) return;
      const result = await ctx.store.commit(checks, mutations);
      if (result.ok) {
        for (const [m, into, postings] of done) ctx.tiers.wrote(m.term, into, postings, due);
      } else failed.push(...done.map(([m]) => m));
      mutations = [];
      done = [];
    };
    for (const m of jobs) {
      const entries: [string, VersionedEntry][] = [];
      for (const id of m.ids) {
        const entry = found.get(blockKey(m.term, id));
        if (entry !== undefined) entries.push([id, entry]);
      }
      if (entries.length < 2) continue;
      const into = entries.map(([id]) => id).sort()[0]!;
      const value = mergeBlockValues(
        entries.map(([, entry]) => entry.value),
        blockKey(m.term, into),
        MAX_MERGED_POSTINGS,
      );
      if (value === undefined) continue;
      if (mutations.length + entries.length > MAX_COMMIT_MUTATIONS) await flush();
      for (const [id] of entries) {
        if (id !== into) mutations.push({ type: "del", key: blockKey(m.term, id) });
      }
      mutations.push({ type: "put", key: blockKey(m.term, into), value });
      done.push([m, into, blockPostings(value)]);
    }
    await flush();
    // A delete won the race: the blocks it left are read again.
    if (failed.length > 0 && retries++ < MAX_MERGE_RETRIES) due.push(...failed);
  }
}

/**
 * The block of `term` holding turn `id`, whose postings were first written to block `first`:
 * `first` itself or, once merged, a block below it. Walks down from `first`.
 */
export async function findBlock(
  ctx: Context,
  term: string,
  first: string,
  id: string,
): Promise<[key: string, entry: VersionedEntry] | undefined> {
  for await (const [key, value, version] of ctx.store.scan({
    gt: blockRange(term).gt,
    lte: blockKey(term, first),
    reverse: true,
    versions: true,
  })) {
    const ids = blockCodec.decode(value, key)[0];
    if (`,${ids},`.includes(`,${id},`)) return [key, { value, version }];
  }
  return undefined;
}
