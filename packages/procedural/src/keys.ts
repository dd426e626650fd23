/** The procedural keyspace (see the README's table). Every key is a core tuple. */
import { key, tupleRange } from "@mnemo/core";

export const skillKey = (agentId: string, name: string) => key("skill", agentId, name);
export const skillsOf = (agentId: string) => tupleRange(["skill", agentId]);

export const versionKey = (agentId: string, name: string, version: number) =>
  key("skill-version", agentId, name, version);
export const versionsOf = (agentId: string, name: string) =>
  tupleRange(["skill-version", agentId, name]);

export const statsKey = (agentId: string, name: string) => key("stats", agentId, name);

export const categoryKey = (agentId: string, category: string, name: string) =>
  key("by-category", agentId, category, name);
export const categoryRange = (agentId: string, category: string) =>
  tupleRange(["by-category", agentId, category]);

/** `index` is "by-usage" or "by-recent": entries (agentId, bucket, name). */
export const bucketKey = (index: string, agentId: string, bucket: number, name: string) =>
  key(index, agentId, bucket, name);
export const bucketRange = (index: string, agentId: string) => tupleRange([index, agentId]);
