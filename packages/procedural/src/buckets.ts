/**
 * Coarse, monotonic buckets for the usage and last-use indexes. An index keyed by the exact
 * figure would need a write on every execution; a bucket changes rarely (a quarter-octave of
 * usage, a minute of last use), so most executions touch only the stats record. Readers
 * take whole buckets from the top and sort them by the exact figure.
 */
import type { SkillStats } from "./skill-stats.js";

export interface BucketIndex {
  readonly name: "by-usage" | "by-recent";
  bucket(stats: SkillStats): number;
  /** The exact figure rankings sort by. */
  figure(stats: SkillStats): number;
}

/** Four buckets per doubling of the usage count: at most ~4·log2(n) index writes per skill. */
export const usageBuckets: BucketIndex = {
  name: "by-usage",
  bucket: (stats) => Math.floor(Math.log2(Math.max(1, stats.usageCount)) * 4),
  figure: (stats) => stats.usageCount,
};

export const RECENT_BUCKET_MS = 60_000;

/** One bucket per minute of last use: a skill in constant use writes its entry once a minute. */
export const recentBuckets: BucketIndex = {
  name: "by-recent",
  bucket: (stats) => Math.floor(stats.lastUsedAt / RECENT_BUCKET_MS),
  figure: (stats) => stats.lastUsedAt,
};

export const BUCKET_INDEXES = [usageBuckets, recentBuckets] as const;
