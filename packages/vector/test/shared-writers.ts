/**
 * The workload of the several-writers tests, shared by the in-process test (two collection
 * instances on one store) and the child-process test (two writer processes): writer "a" and
 * writer "b" each insert their own ids, then update some of the other's ids and delete some of
 * their own (never an id the other writer touches), so the final contents are known exactly.
 */
import { seededRandom } from "@mnemo/testing/random";

export const SHARED_DIMENSION = 8;
export const SHARED_COLLECTION = "shared";

export type Writer = "a" | "b";

export function sharedVector(id: string, generation: number): number[] {
  let seed = generation * 7919;
  for (const char of id) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const random = seededRandom(seed + 1);
  return Array.from({ length: SHARED_DIMENSION }, () => random() * 2 - 1);
}

export type Step =
  | { readonly kind: "upsert"; readonly id: string; readonly generation: number }
  | { readonly kind: "delete"; readonly id: string };

const other = (writer: Writer): Writer => (writer === "a" ? "b" : "a");

/** Phase 1: `count` inserts of the writer's own ids. */
export function insertSteps(writer: Writer, count: number): Step[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: "upsert",
    id: `${writer}${i}`,
    generation: 0,
  }));
}

/**
 * Phase 2: updates of the other writer's even ids, deletes of the writer's own ids
 * `i % 5 === 1` that are odd (the other writer updates only even ones), interleaved.
 */
export function changeSteps(writer: Writer, count: number): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) steps.push({ kind: "upsert", id: `${other(writer)}${i}`, generation: 1 });
    if (i % 5 === 1 && i % 2 === 1) steps.push({ kind: "delete", id: `${writer}${i}` });
  }
  return steps;
}

/** What the collection holds after both writers ran both phases: id → generation. */
export function expectedContents(count: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const writer of ["a", "b"] as const) {
    for (let i = 0; i < count; i++) {
      if (i % 5 === 1 && i % 2 === 1) continue;
      out.set(`${writer}${i}`, i % 2 === 0 ? 1 : 0);
    }
  }
  return out;
}
