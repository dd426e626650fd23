/**
 * Feeds a polling tail with other writers' events: every interval, reads from a watermark
 * and pushes what the tail has not seen. The watermark trails the newest timestamp pushed by
 * `lagMs`, so an event that commits late with a slightly older timestamp (clock skew, a slow
 * writer) is still found. A poll pushes at most what the tail's buffer has room for and
 * waits for room first: a slow reader slows the poller, never grows the buffer.
 */
import type { StorageBackend } from "@mnemo/core";
import { toLogged } from "./event-input.js";
import { examine, sourceOf } from "./read.js";
import type { Tail, TailFilter } from "./tail.js";

export async function poll(
  store: StorageBackend,
  tail: Tail,
  filter: TailFilter,
  intervalMs: number,
  lagMs: number,
  startedAt: number,
): Promise<void> {
  let watermark = startedAt - lagMs;
  const source = sourceOf(filter);
  let first = true;
  try {
    while (!tail.ended) {
      await tail.whenRoom();
      let newest = watermark + lagMs;
      for await (const { event } of examine(store, source, {
        from: Math.max(0, watermark),
        to: undefined,
        after: undefined,
        reverse: false,
      })) {
        if (tail.ended) return;
        if (event === undefined) continue;
        const logged = toLogged(event);
        // What is already there when the tail starts is history, not news.
        if (first && event.timestamp <= startedAt) {
          tail.markSeen(logged);
          continue;
        }
        if (tail.room <= 0) break;
        tail.push(logged, true);
        newest = Math.max(newest, event.timestamp);
      }
      first = false;
      watermark = Math.max(watermark, newest - lagMs);
      tail.forgetBefore(watermark);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise((resolve) => {
          timer = setTimeout(resolve, intervalMs);
        }),
        tail.whenEnded,
      ]);
      clearTimeout(timer);
    }
  } catch (error) {
    tail.fail(error);
  }
}
