/**
 * What each component is served from, when that is no longer what the config file says: the
 * record of completed swaps, kept in a JSON file beside the config (`<config>.state.json`).
 *
 * - A swap writes `pending` (the target) before its migration starts and `serving` (the
 *   target) at the cut-over, as one atomic rename each. A kernel killed in between restarts
 *   on `serving` — the old backend, never a half-filled new one.
 * - At start the kernel serves `serving` where recorded, else the config's backend; where
 *   the config names another backend than the one served, it swaps to it once started.
 * No file (or no path: tests, `mnemo serve` without a config file) means the config is all.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { BackendSpec, KernelConfig } from "./config/resolve.js";
import type { ComponentKey } from "./operations/define.js";

export interface ComponentSwapRecord {
  /** The backend the component is served from. */
  readonly serving: BackendSpec;
  /** A swap to this backend started and has not reached its cut-over. */
  readonly pending?: BackendSpec;
  /**
   * The config's backend for the component when the record was written. While the config
   * still says this, the record stands (an admin swap survives a restart); once the config
   * names another backend, the kernel swaps to that one.
   */
  readonly configured: BackendSpec;
  readonly at: string;
}

export interface SwapStateFile {
  readonly format: 1;
  readonly components: Partial<Record<ComponentKey, ComponentSwapRecord>>;
}

const EMPTY: SwapStateFile = { format: 1, components: {} };

/** The state file of a config file. */
export function stateFileOf(configPath: string): string {
  return `${configPath}.state.json`;
}

export class SwapStateStore {
  #state: SwapStateFile = EMPTY;
  #writing: Promise<void> = Promise.resolve();

  private constructor(readonly path: string | undefined) {}

  /** Reads the file (absent: empty). A file that does not parse is an error, not a reset. */
  static async open(path: string | undefined): Promise<SwapStateStore> {
    const store = new SwapStateStore(path);
    if (path === undefined) return store;
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return store;
      throw error;
    }
    const parsed = JSON.parse(text) as SwapStateFile;
    if (parsed?.format !== 1 || typeof parsed.components !== "object") {
      throw new Error(`${path}: not a Mnemo swap state file (format 1)`);
    }
    store.#state = parsed;
    return store;
  }

  get state(): SwapStateFile {
    return this.#state;
  }

  record(key: ComponentKey): ComponentSwapRecord | undefined {
    return this.#state.components[key];
  }

  /** The config with every component's backend replaced by the one it is served from. */
  served(config: KernelConfig): KernelConfig {
    const components = { ...config.components };
    for (const [key, record] of Object.entries(this.#state.components)) {
      if (record !== undefined) components[key as ComponentKey] = record.serving;
    }
    return { ...config, components };
  }

  async setPending(
    key: ComponentKey,
    serving: BackendSpec,
    pending: BackendSpec,
    configured: BackendSpec,
  ): Promise<void> {
    await this.#put(key, { serving, pending, configured, at: new Date().toISOString() });
  }

  async setServing(
    key: ComponentKey,
    serving: BackendSpec,
    configured: BackendSpec,
  ): Promise<void> {
    await this.#put(key, { serving, configured, at: new Date().toISOString() });
  }

  /** Puts a record back as it was before a swap that failed (`undefined`: none). */
  async restore(key: ComponentKey, record: ComponentSwapRecord | undefined): Promise<void> {
    await this.#put(key, record);
  }

  async #put(key: ComponentKey, record: ComponentSwapRecord | undefined): Promise<void> {
    const components = { ...this.#state.components };
    if (record === undefined) delete components[key];
    else components[key] = record;
    this.#state = { ...this.#state, components };
    const path = this.path;
    if (path === undefined) return;
    const text = `${JSON.stringify(this.#state, null, 2)}\n`;
    // Writes in order; each is a whole file renamed over the last (atomic on POSIX).
    const write = this.#writing.then(async () => {
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, path);
    });
    this.#writing = write.catch(() => undefined);
    await write;
  }
}
