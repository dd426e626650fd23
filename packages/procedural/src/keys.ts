/** The procedural keyspace (see the README's table). Every key is a core tuple. */
import { invalidArgument, key, MAX_KEY_BYTES, tupleRange, utf8Length } from "@mnemo/core";

export const skillKey = (agentId: string, name: string) => key("skill", agentId, name);
export const skillsOf = (agentId: string) => tupleRange(["skill", agentId]);

/** Superseded versions of one incarnation of a skill (a name deleted and saved again is a new one). */
export const versionKey = (agentId: string, name: string, incarnation: string, version: number) =>
  key("version", agentId, name, incarnation, version);
export const versionsOf = (agentId: string, name: string, incarnation: string) =>
  tupleRange(["version", agentId, name, incarnation]);

export const categoryKey = (agentId: string, category: string, name: string) =>
  key("by-category", agentId, category, name);
export const categoryRange = (agentId: string, category: string) =>
  tupleRange(["by-category", agentId, category]);

/** Counter fields ("ok", "fail", "us") and last-execution records ("last-ok", "last-fail"). */
export type StatField = "ok" | "fail" | "us" | "last-ok" | "last-fail";
export const STAT_FIELDS: readonly StatField[] = ["ok", "fail", "us", "last-ok", "last-fail"];
export const statKey = (agentId: string, name: string, field: StatField) =>
  key("stat", agentId, name, field);
export const statsOfAgent = (agentId: string) => tupleRange(["stat", agentId]);

/** Skills per agent: one counter, changed in the commit that creates or deletes a skill. */
export const skillCountKey = (agentId: string) => key("skill-count", agentId);
export const skillCountsRange = () => tupleRange(["skill-count"]);

/** Incarnation ids are 11 characters (8 random bytes in base64url). */
export const INCARNATION_LENGTH = 11;

/**
 * Refuses ids whose longest keys would pass the 1024-byte key limit, before anything is
 * read or written (escapes can double an id's bytes, so 256-byte ids can still be too long).
 */
export function requireKeysFit(agentId: string, name: string, category?: string): void {
  const longest = [versionKey(agentId, name, "x".repeat(INCARNATION_LENGTH), 1)];
  if (category !== undefined) longest.push(categoryKey(agentId, category, name));
  for (const k of longest) {
    if (utf8Length(k, MAX_KEY_BYTES) > MAX_KEY_BYTES) {
      throw invalidArgument(
        category === undefined ? "name" : "category",
        `with this agentId makes a key longer than ${MAX_KEY_BYTES} UTF-8 bytes once encoded`,
      );
    }
  }
}
