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

/** The parts of a collection the checks use (a `VectorCollection`). */
export interface Searchable {
  count(): Promise<number>;
  get(id: string): Promise<{ vector: number[]; metadata: unknown } | undefined>;
  search(
    query: number[],
    options: { k: number; exact?: boolean },
  ): Promise<ReadonlyArray<{ id: string }>>;
}

/**
 * What is wrong with `collection` after both writers ran both phases (empty: nothing): every
 * expected id present with its latest vector and metadata and found first by searching
 * itself, nothing else present, and recall@10 against the exact scan at least 0.9.
 */
export async function contentProblems(collection: Searchable, count: number): Promise<string[]> {
  const expected = expectedContents(count);
  const problems: string[] = [];
  const stored = await collection.count();
  if (stored !== expected.size) problems.push(`count ${stored}, expected ${expected.size}`);
  for (const [id, generation] of expected) {
    const vector = sharedVector(id, generation);
    const record = await collection.get(id);
    const want = Array.from(Float32Array.from(vector));
    if (record === undefined) problems.push(`${id} missing`);
    else if (JSON.stringify(record.vector) !== JSON.stringify(want)) {
      problems.push(`${id} has an old vector`);
    } else if (JSON.stringify(record.metadata) !== JSON.stringify({ generation })) {
      problems.push(`${id} has metadata ${JSON.stringify(record.metadata)}`);
    }
    const [top] = await collection.search(vector, { k: 1 });
    if (top?.id !== id) problems.push(`${id} not found by itself (got ${top?.id})`);
  }
  const all = await collection.search(sharedVector("a0", 1), { k: expected.size + 10 });
  const extra = all.filter((hit) => !expected.has(hit.id)).map((hit) => hit.id);
  if (extra.length > 0) problems.push(`unexpected ids ${extra.slice(0, 5).join(", ")}`);
  let found = 0;
  let wanted = 0;
  for (let i = 0; i < 20; i++) {
    const query = sharedVector(`query${i}`, 0);
    const truth = new Set(
      (await collection.search(query, { k: 10, exact: true })).map((h) => h.id),
    );
    const hits = await collection.search(query, { k: 10 });
    found += hits.filter((hit) => truth.has(hit.id)).length;
    wanted += truth.size;
  }
  if (found / wanted < 0.9) problems.push(`recall@10 ${found / wanted}`);
  return problems;
}
