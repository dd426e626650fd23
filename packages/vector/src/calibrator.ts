/**
 * Measures a collection's ef/recall table (see calibration.ts): sample queries near stored
 * vectors, their exact top-10 from one scan of the store, then recall at rising ef.
 */
import { type Clock, clockNow, type StorageBackend } from "@mnemo/core";
import {
  CALIBRATION_K,
  isStale,
  MIN_CALIBRATION_COUNT,
  measureCalibration,
  perturb,
  sample,
  seededRandom,
} from "./calibration.js";
import { type Distance, euclidean, TopK } from "./distance.js";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type { LiveIndex } from "./live-index.js";
import { calibrationCodec, type StoredConfig } from "./records.js";
import { searchIndex } from "./search.js";
import type { Calibration } from "./types.js";

export interface CalibrationSettings {
  readonly recallTarget: number;
  /** Upper bound on the work, in vector components compared. */
  readonly calibrationBudget: number;
  readonly clock: Clock;
}

/** The table, or undefined when `isCurrent` turned false while the scan ran (closed). */
export async function calibrateIndex(
  store: StorageBackend,
  config: StoredConfig,
  live: LiveIndex,
  distance: Distance,
  settings: CalibrationSettings,
  isCurrent: () => boolean,
): Promise<Calibration | undefined> {
  const { dimension, uid } = config;
  const count = live.labels.size;
  // One scan serves every sample query; its cost is queries × live × dimension.
  const size = Math.max(
    50,
    Math.min(100, Math.floor(settings.calibrationBudget / (count * dimension))),
  );
  const random = seededRandom(count);
  // getPoint is exact for l2/ip; for cosine it is normalised, which cosine ignores.
  const queries = sample([...live.labels.keys()], size).map((label) => {
    const vector = Float32Array.from(live.index.getPoint(label));
    const near = searchIndex(
      live,
      Array.from(vector),
      Math.min(CALIBRATION_K + 1, count),
      200,
      undefined,
    );
    const tenth = near.at(-1);
    const radius =
      tenth === undefined
        ? 0
        : euclidean(vector, Float32Array.from(live.index.getPoint(tenth.label)));
    return { vector: perturb(vector, radius, random) };
  });
  const tops = queries.map(() => new TopK(CALIBRATION_K));
  for await (const [key, bytes] of store.scan(keys.items(uid))) {
    const item = decodeItem(bytes, dimension, key);
    if (!live.labels.has(item.label)) continue;
    for (let q = 0; q < queries.length; q++) {
      tops[q]!.push(distance(queries[q]!.vector, item.vector), item.label);
    }
  }
  if (!isCurrent()) return undefined;
  return measureCalibration({
    queries,
    exact: tops.map((top) => top.sorted().map((hit) => hit.label)),
    approximate: (vector, k, ef) =>
      searchIndex(live, Array.from(vector), Math.min(k, live.labels.size), ef, undefined).map(
        (h) => h.label,
      ),
    count,
    target: settings.recallTarget,
    now: clockNow(settings.clock),
  });
}

/**
 * A collection's current table: loaded from the store, remeasured when stale (the count
 * doubled or halved) or on demand, one measurement at a time, stored for the next opener.
 */
export class Calibrations {
  readonly #store: StorageBackend;
  readonly #config: StoredConfig;
  readonly #configVersion: string;
  readonly #live: LiveIndex;
  readonly #distance: Distance;
  readonly #settings: CalibrationSettings;
  readonly #isCurrent: () => boolean;
  #calibration: Calibration | undefined;
  #measuring: Promise<Calibration | undefined> | undefined;

  constructor(
    store: StorageBackend,
    config: StoredConfig,
    configVersion: string,
    live: LiveIndex,
    distance: Distance,
    settings: CalibrationSettings,
    isCurrent: () => boolean,
  ) {
    this.#store = store;
    this.#config = config;
    this.#configVersion = configVersion;
    this.#live = live;
    this.#distance = distance;
    this.#settings = settings;
    this.#isCurrent = isCurrent;
  }

  async load(): Promise<void> {
    const key = keys.calibration(this.#config.uid);
    const bytes = await this.#store.get(key);
    this.#calibration = bytes === undefined ? undefined : calibrationCodec.decode(bytes, key);
  }

  reset(): void {
    this.#calibration = undefined;
  }

  /** The table if it is not stale, without measuring. */
  fresh(): Calibration | undefined {
    const calibration = this.#calibration;
    return calibration !== undefined && !isStale(calibration, this.#live.ids.size)
      ? calibration
      : undefined;
  }

  /** The table, measured now if missing or stale; undefined under `MIN_CALIBRATION_COUNT`. */
  async current(): Promise<Calibration | undefined> {
    if (this.#live.ids.size < MIN_CALIBRATION_COUNT) return undefined;
    const fresh = this.fresh();
    if (fresh !== undefined) return fresh;
    this.#measuring ??= this.#measure().finally(() => {
      this.#measuring = undefined;
    });
    return this.#measuring;
  }

  async #measure(): Promise<Calibration | undefined> {
    const calibration = await calibrateIndex(
      this.#store,
      this.#config,
      this.#live,
      this.#distance,
      this.#settings,
      this.#isCurrent,
    );
    if (calibration === undefined) return undefined;
    this.#calibration = calibration;
    // A cache of a measurement: the last process to measure wins, which is fine; written only
    // while the collection exists (its config unchanged), so a drop leaves nothing behind.
    await this.#store
      .atomic()
      .check(keys.config(this.#config.name), this.#configVersion)
      .put(keys.calibration(this.#config.uid), calibrationCodec.encode(calibration))
      .commit();
    return calibration;
  }
}
