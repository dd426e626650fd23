/**
 * Bi-temporal graph: as-of lookup latency and 3- and 4-hop traversal latency on a graph of
 * 100K entities and 300K relationships (10K / 30K with --quick), every entity with three
 * outgoing edges to random entities and 1% of entities superseded once, so reads pick among
 * several versions. The graph is loaded with `importFacts` in batches. The lookup's baseline
 * is one raw `get` of a value of the same size on the same backend.
 */
import { BitemporalGraph } from "@mnemo/graph";
import { seededRandom } from "@mnemo/testing/random";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureLatency } from "../harness/measure.js";

const EDGES_PER_ENTITY = 3;
const IMPORT_BATCH = 2_000;
const TYPES = ["knows", "works_with", "mentions"] as const;

const entityId = (i: number) => `e${i}`;

async function load(
  graph: BitemporalGraph,
  entities: number,
  context: ComponentBenchContext,
): Promise<number> {
  const next = seededRandom(42);
  const start = performance.now();
  for (let i = 0; i < entities; i += IMPORT_BATCH) {
    const end = Math.min(entities, i + IMPORT_BATCH);
    await graph.importFacts(
      {
        entities: Array.from({ length: end - i }, (_, k) => ({
          id: entityId(i + k),
          type: (i + k) % 10 === 0 ? "org" : "person",
          name: `entity ${i + k}`,
          properties: { rank: i + k },
        })),
      },
      { validFrom: 0 },
    );
  }
  const relationships = entities * EDGES_PER_ENTITY;
  for (let i = 0; i < relationships; i += IMPORT_BATCH) {
    const end = Math.min(relationships, i + IMPORT_BATCH);
    await graph.importFacts(
      {
        relationships: Array.from({ length: end - i }, (_, k) => ({
          id: `r${i + k}`,
          from: entityId(Math.floor((i + k) / EDGES_PER_ENTITY)),
          to: entityId(Math.floor(next() * entities)),
          type: TYPES[(i + k) % TYPES.length]!,
          properties: { weight: (i + k) % 7 },
        })),
      },
      { validFrom: 0 },
    );
    if ((i / IMPORT_BATCH) % 25 === 0) context.progress(`loaded ${end} relationships`);
  }
  return ((entities + relationships) / (performance.now() - start)) * 1000;
}

export const graphBenchmark: ComponentBenchmark = {
  component: "graph",
  async run(context) {
    const entities = context.quick ? 10_000 : 100_000;
    const iterations = context.quick ? 50 : context.backend === "memory" ? 2_000 : 300;
    const store = await context.open("graph");
    let time = 1_000_000;
    const graph = new BitemporalGraph(store, { clock: { now: () => time } });
    const figures: Figure[] = [];

    context.progress(`graph: importing ${entities} entities, ${entities * EDGES_PER_ENTITY} edges`);
    const importRate = await load(graph, entities, context);
    figures.push({
      name: `bulk import (${entities / 1000}K entities + ${(entities * EDGES_PER_ENTITY) / 1000}K relationships)`,
      unit: "facts/s",
      value: importRate,
      notes: `importFacts in batches of ${IMPORT_BATCH}, one write() each`,
    });

    // 1% of entities superseded at valid time 500, one transaction later.
    time += 1000;
    const pick = seededRandom(7);
    const superseded = Math.max(1, Math.floor(entities / 100));
    for (let i = 0; i < superseded; i++) {
      const id = entityId(Math.floor(pick() * entities));
      await graph.assertEntity({ id, type: "person", name: `renamed ${id}` }, { validFrom: 500 });
    }
    time += 1000;

    context.progress("graph: as-of lookup");
    const lookup = await measureLatency(
      () =>
        graph.getEntity(entityId(Math.floor(pick() * entities)), {
          validAt: Math.floor(pick() * 1000),
          knownAt: 1_000_000 + Math.floor(pick() * 2000),
        }),
      { iterations },
    );
    const raw = await context.open("graph_baseline");
    const sample = await store.scan({ limit: 1 })[Symbol.asyncIterator]().next();
    const value = sample.done ? new Uint8Array(200) : sample.value[1];
    await raw.set("k", value);
    const rawGet = await measureLatency(() => raw.get("k"), { iterations });
    await raw.clear();
    figures.push({
      name: "as-of entity lookup",
      unit: "us",
      value: lookup.p50Us,
      p50: lookup.p50Us,
      p95: lookup.p95Us,
      p99: lookup.p99Us,
      baseline: { name: "one raw get", value: rawGet.p50Us },
    });

    for (const depth of [3, 4]) {
      context.progress(`graph: ${depth}-hop traversal`);
      let visited = 0;
      const walks = Math.max(20, Math.floor(iterations / 4));
      const figuresOf = await measureLatency(
        async () => {
          const walk = await graph.traverse(entityId(Math.floor(pick() * entities)), {
            depth,
            validAt: 800,
          });
          visited += walk.nodes.length;
        },
        { iterations: walks, warmup: 10 },
      );
      figures.push({
        name: `${depth}-hop traversal (outgoing)`,
        unit: "ms",
        value: figuresOf.p50Us / 1000,
        p50: figuresOf.p50Us / 1000,
        p95: figuresOf.p95Us / 1000,
        p99: figuresOf.p99Us / 1000,
        notes: `${Math.round(visited / (walks + 10))} entities visited on average`,
        ...(depth === 4 && { seed: "25-35 ms 4-hop traversal at 100K nodes on PostgreSQL" }),
      });
    }
    await store.clear();
    return figures;
  },
};
