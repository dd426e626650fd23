/**
 * Retention by month: removes every event of the months before a cutoff with its index
 * entries, one checked commit per chunk guarded by the versions of the records removed, so
 * two runs (in any processes) never both remove or count an event.
 */
import { type CommitCheck, type Mutation, type StorageBackend, StorageError } from "@mnemo/core";
import { codec, eventKeys } from "./event-input.js";
import { EVENT_PREFIX, monthOfEventKey, monthsBeforeKey } from "./keys.js";
import { monthOf } from "./month.js";
import type { RetentionResult } from "./types.js";

/** Events per commit: each is checked (at most 100 checks a commit). */
export const RETENTION_CHUNK = 100;

export async function deleteMonthsBefore(
  store: StorageBackend,
  before: number,
  maxAttempts: number,
): Promise<RetentionResult> {
  const upper = monthsBeforeKey(monthOf(before));
  const months: string[] = [];
  let deletedEvents = 0;
  let lost = 0;
  for (;;) {
    const checks: CommitCheck[] = [];
    const mutations: Mutation[] = [];
    const seen: string[] = [];
    for await (const [key, value, version] of store.scan({
      prefix: EVENT_PREFIX,
      lt: upper,
      limit: RETENTION_CHUNK,
      versions: true,
    })) {
      checks.push({ key, version });
      seen.push(monthOfEventKey(key));
      for (const k of eventKeys(codec.decode(value, key))) mutations.push({ type: "del", key: k });
    }
    if (checks.length === 0) break;
    const result = await store.commit(checks, mutations);
    if (!result.ok) {
      // Another run removed some of these first: read the range again.
      if (++lost >= maxAttempts) {
        throw new StorageError(
          "CONFLICT",
          `event log retention still contended after ${maxAttempts} attempts`,
          { details: { attempts: maxAttempts } },
        );
      }
      continue;
    }
    for (const month of seen) if (months.at(-1) !== month) months.push(month);
    deletedEvents += checks.length;
    if (checks.length < RETENTION_CHUNK) break;
  }
  return { months, deletedEvents };
}
