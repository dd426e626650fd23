/** Deterministic test vectors: seeded, so every run and backend sees the same data. */
import { seededRandom } from "@mnemo/testing/random";

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `count` vectors around `clusters` Gaussian centres, like real embeddings. */
export function clustered(
  count: number,
  dimension: number,
  clusters: number,
  seed = 1,
): number[][] {
  const random = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () =>
    Array.from({ length: dimension }, () => gaussian(random)),
  );
  return Array.from({ length: count }, (_, i) => {
    const centre = centres[i % clusters]!;
    return centre.map((c) => c + 0.35 * gaussian(random));
  });
}

export function uniform(count: number, dimension: number, seed = 2): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: dimension }, () => random() * 2 - 1),
  );
}

/** Fraction of `exact` ids found in `approximate`. */
export function recall(
  approximate: readonly { id: string }[],
  exact: readonly { id: string }[],
): number {
  const truth = new Set(exact.map((hit) => hit.id));
  return truth.size === 0 ? 1 : approximate.filter((hit) => truth.has(hit.id)).length / truth.size;
}
