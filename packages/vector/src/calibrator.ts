/**
 * Measures a collection's ef/recall table (see calibration.ts): sample queries near stored
 * vectors, their exact top-10 from one scan of the store, then recall at rising ef.
 */
import type { Clock, StorageBackend } from "@mnemo/core";
import { CALIBRATION_K, measureCalibration, perturb, sample, seededRandom } from "./calibration.js";
import { type Distance, euclidean, TopK } from "./distance.js";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type { LiveIndex } from "./live-index.js";
import type { StoredConfig } from "./records.js";
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
    now: settings.clock.now(),
  });
}
