/**
 * The plain model the model-based test compares a backend with: a map of values, plus what
 * is known about versions. Versions are opaque, so the model does not predict them; it
 * tracks a generation per key (bumped by every write of the key) and the versions it has
 * observed, and asserts what the contract promises: the same generation always shows the
 * same version, and a later generation a strictly larger one.
 */
import { compareKeys } from "@mnemo/core";
import { expect } from "vitest";
import { byteOrder } from "./helpers.js";

export interface ObservedVersion {
  readonly generation: number;
  readonly version: string;
}

export class Model {
  readonly entries = new Map<string, Uint8Array>();
  readonly #generations = new Map<string, number>();
  readonly #observed = new Map<string, ObservedVersion[]>();

  generation(key: string): number {
    return this.#generations.get(key) ?? 0;
  }

  /** Records that `key` was written (put, delete, sum): any version seen before is stale now. */
  touch(key: string): void {
    this.#generations.set(key, this.generation(key) + 1);
  }

  put(key: string, value: Uint8Array): void {
    this.entries.set(key, value);
    this.touch(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.touch(key);
  }

  clear(): void {
    for (const key of this.entries.keys()) this.touch(key);
    this.entries.clear();
  }

  /** Checks a version the store reported for `key` now against everything seen before. */
  observe(key: string, version: string): void {
    expect(typeof version, `version of ${JSON.stringify(key)}`).toBe("string");
    const generation = this.generation(key);
    const seen = this.#observed.get(key) ?? [];
    for (const earlier of seen) {
      if (earlier.generation === generation) {
        expect(version, `${JSON.stringify(key)}: version changed without a write`).toBe(
          earlier.version,
        );
      } else {
        expect(
          byteOrder(version, earlier.version),
          `${JSON.stringify(key)}: version ${version} after a write must sort after ${earlier.version}`,
        ).toBeGreaterThan(0);
      }
    }
    if (!seen.some((earlier) => earlier.generation === generation)) {
      seen.push({ generation, version });
      this.#observed.set(key, seen);
    }
  }

  /** The latest version observed for `key`, and whether it is still current. */
  latestObserved(key: string): (ObservedVersion & { current: boolean }) | undefined {
    const seen = this.#observed.get(key);
    const latest = seen?.[seen.length - 1];
    return latest && { ...latest, current: latest.generation === this.generation(key) };
  }

  /** A version observed for `key` before its last write, if any. */
  staleObserved(key: string, pick: number): string | undefined {
    const stale = (this.#observed.get(key) ?? []).filter(
      (o) => o.generation < this.generation(key),
    );
    return stale.length === 0 ? undefined : stale[pick % stale.length]!.version;
  }

  sorted(): [string, Uint8Array][] {
    return [...this.entries].sort(([a], [b]) => compareKeys(a, b));
  }
}
