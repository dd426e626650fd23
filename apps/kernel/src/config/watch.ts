/**
 * Watches the config file and hands each new valid version on, debounced (editors write a
 * file in several steps, or replace it by rename). The directory is watched, not the file,
 * so a rename over it is seen. An invalid new file is refused and logged; the config in
 * force stays. `reload()` does the same now (SIGHUP).
 */
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { Logger } from "../log.js";
import { loadConfigFile } from "./load.js";
import type { KernelConfig } from "./resolve.js";

export interface ConfigWatchOptions {
  readonly path: string;
  readonly logger: Logger;
  /** Called with each new valid config, one call at a time. */
  readonly onConfig: (config: KernelConfig) => Promise<void>;
  /** Called with each refused file's error (after logging it). */
  readonly onInvalid?: (error: Error) => void;
  readonly debounceMs?: number;
  readonly cwd?: string;
}

export class ConfigWatcher {
  readonly #options: ConfigWatchOptions;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(options: ConfigWatchOptions) {
    this.#options = options;
  }

  start(): void {
    const name = basename(this.#options.path);
    this.#watcher = watch(dirname(this.#options.path), (_event, file) => {
      if (file !== null && file !== name) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.reload(), this.#options.debounceMs ?? 200);
    });
    this.#watcher.on("error", (error) =>
      this.#options.logger.error("config watch failed", { error: String(error) }),
    );
  }

  /** Reads the file now; resolves once its changes (if valid) have been applied. */
  reload(): Promise<void> {
    const run = this.#running.then(() => this.#apply());
    this.#running = run.catch(() => undefined);
    return run;
  }

  async #apply(): Promise<void> {
    const { path, logger } = this.#options;
    let config: KernelConfig;
    try {
      config = await loadConfigFile(path, this.#options.cwd ? { cwd: this.#options.cwd } : {});
    } catch (error) {
      logger.error("config change refused; the config in force keeps serving", {
        path,
        error: (error as Error).message,
      });
      this.#options.onInvalid?.(error as Error);
      return;
    }
    await this.#options.onConfig(config);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
  }
}
