/**
 * Operator listing on LevelDB: the distinct first segments (up to the next U+0000) of the
 * stored keys in a range, found by seeking past each one rather than reading every key.
 * Namespaces: segments of all user keys; tenants: segments after `namespace \0`. No segment
 * contains U+0000, so `segment \u0001` sorts after every key of the segment and before the
 * next segment's keys.
 */
import type { ClassicLevel } from "classic-level";

export async function* distinctSegments(
  db: ClassicLevel<string, Uint8Array>,
  start: string,
  end: string | undefined,
  onError: (error: unknown) => Error,
): AsyncGenerator<string> {
  // One iterator on one snapshot; seek() moves it past each segment found.
  const iterator = db.keys(end === undefined ? { gte: start } : { gte: start, lt: end });
  const prefix = start.endsWith("\0") ? start : "";
  try {
    for (;;) {
      let key: string | undefined;
      try {
        key = await iterator.next();
      } catch (error) {
        throw onError(error);
      }
      if (key === undefined) return;
      const rest = key.slice(prefix.length);
      const separator = rest.indexOf("\0");
      const segment = separator === -1 ? rest : rest.slice(0, separator);
      yield segment;
      iterator.seek(`${prefix}${segment}\u0001`);
    }
  } finally {
    await iterator.close().catch(() => {});
  }
}
