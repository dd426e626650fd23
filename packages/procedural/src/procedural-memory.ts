/**
 * Procedural memory: skills per agent with versioned content, and execution statistics that
 * concurrent writers (several processes on one PostgreSQL) never lose, because every update
 * is a compare-and-swap retried on conflict.
 */
import {
  type Clock,
  decodeTuple,
  describe,
  jsonRecordCodec,
  optional,
  requireId,
  requireLimit,
  requireNonNegative,
  requireString,
  type StorageBackend,
  StorageError,
  systemClock,
  type WriteOp,
} from "@mnemo/core";
import { BUCKET_INDEXES, type BucketIndex, recentBuckets, usageBuckets } from "./buckets.js";
import {
  bucketKey,
  bucketRange,
  categoryKey,
  categoryRange,
  skillKey,
  skillsOf,
  statsKey,
  versionKey,
  versionsOf,
} from "./keys.js";
import { type Skill, type SkillInput, sameBody, validateSkillInput } from "./skill.js";
import {
  type Execution,
  foldExecution,
  type SkillStats,
  type SkillStatsView,
  viewStats,
} from "./skill-stats.js";

export interface ProceduralMemoryOptions {
  readonly clock?: Clock;
  /** The agent `recordExecution(name, execution)` uses when no agent id is given. */
  readonly defaultAgentId?: string;
  /** Compare-and-swap attempts before giving up with `CONFLICT`. Default 1000. */
  readonly maxAttempts?: number;
}

export interface RankedSkill {
  readonly skill: Skill;
  readonly stats: SkillStatsView;
}

export interface RankOptions {
  /** Default 10, at most 10000. */
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

const skillCodec = jsonRecordCodec<Skill>();
const statsCodec = jsonRecordCodec<SkillStats>();
/** Index entries carry the version (or count) they were written for: see `README.md`. */
const markCodec = jsonRecordCodec<{ readonly version: number }>();

const PAGE = 128;

export class ProceduralMemory {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #defaultAgentId: string;
  readonly #maxAttempts: number;
  /** Per-skill queues: calls of this instance take turns instead of failing each other's CAS. */
  readonly #lanes = new Map<string, Promise<void>>();

  constructor(store: StorageBackend, options: ProceduralMemoryOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#defaultAgentId = requireId(options.defaultAgentId ?? "default", "defaultAgentId");
    this.#maxAttempts = options.maxAttempts ?? 1000;
  }

  /**
   * Creates the skill, or stores a new version of it when anything differs from the current
   * one (an identical save returns the current version unchanged).
   */
  async saveSkill(agentId: string, input: SkillInput): Promise<Skill> {
    requireId(agentId, "agentId");
    const body = validateSkillInput(input);
    const headKey = skillKey(agentId, body.name);
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const raw = await this.#store.get(headKey);
      const head = raw === undefined ? undefined : skillCodec.decode(raw, headKey);
      if (head !== undefined && sameBody(head, body)) return head;
      const now = this.#clock.now();
      const next: Skill = {
        agentId,
        ...body,
        version: (head?.version ?? 0) + 1,
        createdAt: head?.createdAt ?? now,
        updatedAt: now,
      };
      // Written before the swap, so neither can point at nothing: the superseded version's
      // history record (immutable, so a losing writer rewrites the same bytes) and the
      // category entry (verified against the head on read).
      const ops: WriteOp[] = [
        {
          type: "put",
          key: categoryKey(agentId, next.category, next.name),
          value: markCodec.encode({ version: next.version }),
        },
      ];
      if (head !== undefined && raw !== undefined) {
        ops.push({ type: "put", key: versionKey(agentId, head.name, head.version), value: raw });
      }
      await this.#store.write(ops);
      if (await this.#store.compareAndSwap(headKey, raw, skillCodec.encode(next))) {
        if (head !== undefined && head.category !== next.category) {
          // Only if nobody re-entered the old category since: see "Indexes" in the README.
          await this.#store.compareAndSwap(
            categoryKey(agentId, head.category, head.name),
            markCodec.encode({ version: head.version }),
            undefined,
          );
        }
        return next;
      }
    }
    throw this.#contention("saveSkill", agentId, body.name);
  }

  /** The current version, or the given one; `undefined` when there is none. */
  async getSkill(
    agentId: string,
    name: string,
    options: { readonly version?: number } = {},
  ): Promise<Skill | undefined> {
    requireId(agentId, "agentId");
    requireId(name, "name");
    const { version } = options;
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
      throw new StorageError("INVALID_ARGUMENT", `version must be an integer >= 1`, {
        details: { field: "version", value: version },
      });
    }
    const headKey = skillKey(agentId, name);
    const raw = await this.#store.get(headKey);
    const head = raw === undefined ? undefined : skillCodec.decode(raw, headKey);
    if (version === undefined || head === undefined || head.version === version) return head;
    if (version > head.version) return undefined;
    const key = versionKey(agentId, name, version);
    const old = await this.#store.get(key);
    return old === undefined ? undefined : skillCodec.decode(old, key);
  }

  /** Every version of a skill, oldest first. */
  async listVersions(agentId: string, name: string): Promise<Skill[]> {
    requireId(agentId, "agentId");
    requireId(name, "name");
    const head = await this.getSkill(agentId, name);
    if (head === undefined) return [];
    const out: Skill[] = [];
    for await (const [key, value] of this.#store.scan(versionsOf(agentId, name))) {
      const version = skillCodec.decode(value, key);
      if (version.version < head.version) out.push(version);
    }
    out.push(head);
    return out;
  }

  /** Current versions of an agent's skills in name order, optionally of one category. */
  async listSkills(
    agentId: string,
    options: { readonly category?: string } = {},
  ): Promise<Skill[]> {
    requireId(agentId, "agentId");
    if (options.category !== undefined) {
      const category = requireId(options.category, "category");
      return (await this.#categoryMembers(agentId, category)).map(({ skill }) => skill);
    }
    const out: Skill[] = [];
    for await (const [key, value] of this.#store.scan(skillsOf(agentId))) {
      out.push(skillCodec.decode(value, key));
    }
    return out;
  }

  /** Removes a skill, its versions, statistics and index entries in one write. */
  async deleteSkill(agentId: string, name: string): Promise<boolean> {
    requireId(agentId, "agentId");
    requireId(name, "name");
    const [head, stats] = await this.#read(agentId, name);
    if (head === undefined) return false;
    const ops: WriteOp[] = [
      { type: "del", key: skillKey(agentId, name) },
      { type: "del", key: statsKey(agentId, name) },
      { type: "del", key: categoryKey(agentId, head.category, name) },
    ];
    for await (const [key] of this.#store.scan(versionsOf(agentId, name))) {
      ops.push({ type: "del", key });
    }
    if (stats !== undefined) {
      for (const index of BUCKET_INDEXES) {
        ops.push({ type: "del", key: bucketKey(index.name, agentId, index.bucket(stats), name) });
      }
    }
    await this.#store.write(ops);
    return true;
  }

  /**
   * Counts one execution of a skill: success or failure, usage, last use and duration
   * figures. `recordExecution(name, execution)` uses the default agent.
   */
  recordExecution(name: string, execution: Execution): Promise<SkillStatsView>;
  recordExecution(agentId: string, name: string, execution: Execution): Promise<SkillStatsView>;
  async recordExecution(
    first: string,
    second: string | Execution,
    third?: Execution,
  ): Promise<SkillStatsView> {
    const [agentId, name, execution] =
      typeof second === "string" ? [first, second, third] : [this.#defaultAgentId, first, second];
    requireId(agentId, "agentId");
    requireId(name, "name");
    const checked = validateExecution(execution);
    const key = statsKey(agentId, name);
    return this.#inLane(key, () => this.#record(agentId, name, key, checked));
  }

  async #record(
    agentId: string,
    name: string,
    key: string,
    checked: Execution,
  ): Promise<SkillStatsView> {
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const found = await this.#store.getBatch([skillKey(agentId, name), key]);
      if (!found.has(skillKey(agentId, name))) {
        throw new StorageError(
          "NOT_FOUND",
          `agent ${describe(agentId)} has no skill ${describe(name)}`,
          { details: { agentId, name } },
        );
      }
      const raw = found.get(key);
      const stats = raw === undefined ? undefined : statsCodec.decode(raw, key);
      const next = foldExecution(stats, checked, this.#clock.now());
      // A bucket entry is written before the swap that enters the bucket, so the stats
      // record never sits in a bucket without its entry; most executions stay in their
      // buckets and write nothing but the swap.
      const enter: WriteOp[] = [];
      const leave: WriteOp[] = [];
      for (const index of BUCKET_INDEXES) {
        const to = index.bucket(next);
        const from = stats === undefined ? undefined : index.bucket(stats);
        if (to === from) continue;
        enter.push({
          type: "put",
          key: bucketKey(index.name, agentId, to, name),
          value: markCodec.encode({ version: to }),
        });
        if (from !== undefined) {
          leave.push({ type: "del", key: bucketKey(index.name, agentId, from, name) });
        }
      }
      if (enter.length > 0) await this.#store.write(enter);
      if (await this.#store.compareAndSwap(key, raw, statsCodec.encode(next))) {
        // Buckets never go back, so the entries left behind can never be valid again.
        if (leave.length > 0) await this.#store.write(leave);
        return viewStats(next);
      }
    }
    throw this.#contention("recordExecution", agentId, name);
  }

  async getStats(agentId: string, name: string): Promise<SkillStatsView | undefined> {
    requireId(agentId, "agentId");
    requireId(name, "name");
    const [, stats] = await this.#read(agentId, name);
    return stats === undefined ? undefined : viewStats(stats);
  }

  /**
   * The best skills of a category by the lower bound of the Wilson score interval of their
   * success rate (z = 1.96), then by usage. Reads the category's skills and ranks them in
   * memory: cost grows with the size of the category, not of the agent.
   */
  async bestSkills(
    agentId: string,
    category: string,
    options: BestSkillsOptions = {},
  ): Promise<RankedSkill[]> {
    requireId(agentId, "agentId");
    requireId(category, "category");
    const limit = requireLimit(options.limit, 10);
    const minExecutions =
      options.minExecutions === undefined
        ? 0
        : requireNonNegative(options.minExecutions, "minExecutions");
    const members = await this.#categoryMembers(agentId, category);
    return members
      .filter(({ stats }) => stats.usageCount >= minExecutions)
      .sort(
        (a, b) =>
          b.stats.wilsonScore - a.stats.wilsonScore ||
          b.stats.usageCount - a.stats.usageCount ||
          (a.skill.name < b.skill.name ? -1 : a.skill.name > b.skill.name ? 1 : 0),
      )
      .slice(0, limit);
  }

  /** Skills with the most executions first. Walks the usage buckets from the top. */
  async mostUsed(agentId: string, options: UsageRankOptions = {}): Promise<RankedSkill[]> {
    requireId(agentId, "agentId");
    return this.#rankByBuckets(agentId, usageBuckets, options);
  }

  /** Skills executed most recently first. Walks the last-use buckets from the top. */
  async recentlyUsed(agentId: string, options: UsageRankOptions = {}): Promise<RankedSkill[]> {
    requireId(agentId, "agentId");
    return this.#rankByBuckets(agentId, recentBuckets, options);
  }

  async #read(agentId: string, name: string): Promise<[Skill | undefined, SkillStats | undefined]> {
    const headKey = skillKey(agentId, name);
    const key = statsKey(agentId, name);
    const found = await this.#store.getBatch([headKey, key]);
    const head = found.get(headKey);
    const stats = found.get(key);
    return [
      head === undefined ? undefined : skillCodec.decode(head, headKey),
      stats === undefined ? undefined : statsCodec.decode(stats, key),
    ];
  }

  /** Skills whose current version is in `category`, with their stats (zero when unused). */
  async #categoryMembers(agentId: string, category: string): Promise<RankedSkill[]> {
    const entries: { name: string; mark: Uint8Array }[] = [];
    for await (const [key, value] of this.#store.scan(categoryRange(agentId, category))) {
      entries.push({ name: decodeTuple(key)[3] as string, mark: value });
    }
    const out: RankedSkill[] = [];
    for (let i = 0; i < entries.length; i += PAGE) {
      const page = entries.slice(i, i + PAGE);
      const found = await this.#store.getBatch(
        page.flatMap(({ name }) => [skillKey(agentId, name), statsKey(agentId, name)]),
      );
      for (const { name, mark } of page) {
        const headBytes = found.get(skillKey(agentId, name));
        if (headBytes === undefined) continue;
        const skill = skillCodec.decode(headBytes, skillKey(agentId, name));
        if (skill.category !== category) {
          // Stale once the head has reached the version the entry was written for.
          if (skill.version >= markCodec.decode(mark).version) {
            await this.#store.compareAndSwap(categoryKey(agentId, category, name), mark, undefined);
          }
          continue;
        }
        const statsBytes = found.get(statsKey(agentId, name));
        const stats =
          statsBytes === undefined
            ? emptyStats()
            : statsCodec.decode(statsBytes, statsKey(agentId, name));
        out.push({ skill, stats: viewStats(stats) });
      }
    }
    return out;
  }

  /**
   * Walks a bucket index from the top bucket down. An entry counts only when the stats record
   * is in the same bucket; entries below the record's bucket are stale for good (buckets
   * never go back) and are removed on the way, entries above it belong to a swap in flight
   * (or one that crashed) and are skipped. Whole buckets are read until `limit` skills are
   * found, then sorted by the exact figure, so the top `limit` is exact.
   */
  async #rankByBuckets(
    agentId: string,
    index: BucketIndex,
    options: UsageRankOptions,
  ): Promise<RankedSkill[]> {
    const limit = requireLimit(options.limit, 10);
    const category =
      options.category === undefined ? undefined : requireId(options.category, "category");
    const found: RankedSkill[] = [];
    let page: { key: string; bucket: number; name: string }[] = [];
    const flush = async () => {
      const names = [...new Set(page.map((entry) => entry.name))];
      const records = await this.#store.getBatch(
        names.flatMap((name) => [skillKey(agentId, name), statsKey(agentId, name)]),
      );
      const stale: WriteOp[] = [];
      for (const entry of page) {
        const statsBytes = records.get(statsKey(agentId, entry.name));
        const headBytes = records.get(skillKey(agentId, entry.name));
        if (statsBytes === undefined || headBytes === undefined) continue;
        const stats = statsCodec.decode(statsBytes, statsKey(agentId, entry.name));
        const bucket = index.bucket(stats);
        if (bucket > entry.bucket) stale.push({ type: "del", key: entry.key });
        if (bucket !== entry.bucket) continue;
        const skill = skillCodec.decode(headBytes, skillKey(agentId, entry.name));
        if (category !== undefined && skill.category !== category) continue;
        found.push({ skill, stats: viewStats(stats) });
      }
      if (stale.length > 0) await this.#store.write(stale);
      page = [];
    };
    for await (const [key] of this.#store.scan({
      ...bucketRange(index.name, agentId),
      reverse: true,
    })) {
      const tuple = decodeTuple(key);
      const bucket = tuple[2] as number;
      // A bucket boundary: stop once the buckets read so far hold enough skills.
      const last = page.at(-1);
      if (last !== undefined && last.bucket !== bucket) {
        if (page.length >= PAGE || found.length + page.length >= limit) {
          await flush();
          if (found.length >= limit) break;
        }
      }
      page.push({ key, bucket, name: tuple[3] as string });
    }
    if (page.length > 0) await flush();
    return found
      .sort(
        (a, b) =>
          index.figure(b.stats) - index.figure(a.stats) ||
          (a.skill.name < b.skill.name ? -1 : a.skill.name > b.skill.name ? 1 : 0),
      )
      .slice(0, limit);
  }

  #inLane<T>(lane: string, task: () => Promise<T>): Promise<T> {
    const result = (this.#lanes.get(lane) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#lanes.set(lane, tail);
    void tail.then(() => {
      if (this.#lanes.get(lane) === tail) this.#lanes.delete(lane);
    });
    return result;
  }

  #contention(method: string, agentId: string, name: string): StorageError {
    return new StorageError(
      "CONFLICT",
      `${method}: skill ${describe(name)} of agent ${describe(agentId)} still contended after ${this.#maxAttempts} attempts`,
      { details: { agentId, name } },
    );
  }
}

function validateExecution(execution: unknown): Execution {
  if (execution === null || typeof execution !== "object") {
    throw new StorageError("INVALID_ARGUMENT", "execution must be an object");
  }
  const raw = execution as Record<string, unknown>;
  if (typeof raw.success !== "boolean") {
    throw new StorageError("INVALID_ARGUMENT", "execution.success must be a boolean", {
      details: { field: "success" },
    });
  }
  const durationMs = requireNonNegative(raw.durationMs, "durationMs");
  const error = optional(raw.error, "error", requireString);
  return { success: raw.success, durationMs, ...(error === undefined ? {} : { error }) };
}

function emptyStats(): SkillStats {
  return {
    successCount: 0,
    failureCount: 0,
    usageCount: 0,
    lastUsedAt: 0,
    meanDurationMs: 0,
    m2DurationMs: 0,
    ewmaDurationMs: 0,
    minDurationMs: 0,
    maxDurationMs: 0,
  };
}
