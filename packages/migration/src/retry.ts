/** Riding out a store that went away for a while (a restart, a network cut). */
import { StorageError } from "@mnemo/core";

export interface PauseOptions {
  /** Called on each failed try with the `UNAVAILABLE` error. */
  readonly onPause?: ((error: StorageError, attempt: number) => void) | undefined;
  /** Longest pause before giving up with the `UNAVAILABLE` error. Default 5 min. */
  readonly maxPauseMs?: number | undefined;
}

/** Runs `body` again while it fails with `UNAVAILABLE`, for at most `maxPauseMs`. */
export async function retryUnavailable<T>(
  body: () => Promise<T>,
  options: PauseOptions,
): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await body();
    } catch (error) {
      const waited = performance.now() - started;
      if (!StorageError.is(error, "UNAVAILABLE") || waited > (options.maxPauseMs ?? 300_000)) {
        throw error;
      }
      options.onPause?.(error, attempt);
      // Backoff, not a wait for an event: there is no event for "the server is back".
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2000)));
    }
  }
}
