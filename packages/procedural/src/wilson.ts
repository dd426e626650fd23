/**
 * Lower bound of the Wilson score interval for a success rate: a ranking that trusts
 * 95 successes out of 100 more than 1 out of 1 (Wilson 1927; Evan Miller, "How Not To Sort
 * By Average Rating"). z = 1.96 is the 95% confidence level.
 */
export const WILSON_Z = 1.96;

export function wilsonLowerBound(successes: number, total: number, z = WILSON_Z): number {
  if (total <= 0) return 0;
  const p = successes / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}
