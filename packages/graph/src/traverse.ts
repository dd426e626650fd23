/**
 * Breadth-first walks over the endpoint index, with caps on what one call may read: at most
 * `MAX_TRAVERSE_SCANS` index scans and `MAX_TRAVERSE_ENTRIES` index entries. A walk that
 * reaches a cap stops there and says so (`truncated: true`).
 */
import type { StorageBackend } from "@mnemo/core";
import { type AsOfTimes, type FactStore, mapLimit } from "./fact-store.js";
import type { EntityData, RelationshipData } from "./inputs.js";
import { type Endpoint, endpointRange, lastElement } from "./keys.js";
import type { EntityVersion, RelationshipVersion, Traversal, TraversalNode } from "./types.js";
import { entityView, relationshipView } from "./views.js";

/** Index scans one traversal may issue (one per expanded entity, side and type). */
export const MAX_TRAVERSE_SCANS = 2000;
/** Index entries one traversal may read. */
export const MAX_TRAVERSE_ENTRIES = 20_000;
/** Concurrent index scans during a traversal step: enough to hide latency, not flood a pool. */
const SCAN_CONCURRENCY = 16;

export interface Walk {
  readonly start: EntityVersion;
  readonly depth: number;
  readonly maxNodes: number;
  readonly sides: readonly Endpoint[];
  readonly types: readonly string[] | undefined;
  readonly times: AsOfTimes;
}

interface Budget {
  scans: number;
  entries: number;
  truncated: boolean;
}

export async function traverse(
  store: StorageBackend,
  facts: FactStore,
  walk: Walk,
): Promise<Traversal> {
  const nodes: TraversalNode[] = [{ entity: walk.start, depth: 0 }];
  const visited = new Set([walk.start.id]);
  const edges = new Map<string, RelationshipVersion>();
  const budget: Budget = {
    scans: MAX_TRAVERSE_SCANS,
    entries: MAX_TRAVERSE_ENTRIES,
    truncated: false,
  };
  let frontier = [walk.start.id];
  for (let level = 1; level <= walk.depth && frontier.length > 0; level++) {
    const walks = await edgesFrom(store, facts, frontier, walk, budget);
    const fresh = [...new Set(walks.map((w) => w.far).filter((id) => !visited.has(id)))];
    const reached = await facts.asOfMany<EntityData>("entity", fresh, walk.times);
    const next: string[] = [];
    for (const { edge, far } of walks) {
      if (edges.has(edge.id)) continue;
      if (!visited.has(far)) {
        const version = reached.get(far);
        if (version === undefined) continue;
        if (nodes.length >= walk.maxNodes) {
          budget.truncated = true;
          continue;
        }
        visited.add(far);
        next.push(far);
        nodes.push({ entity: entityView(far, version), depth: level });
      }
      edges.set(edge.id, edge);
    }
    if (budget.truncated) break;
    frontier = next;
  }
  return { nodes, edges: [...edges.values()], truncated: budget.truncated };
}

/**
 * The relationships valid as of the read that leave (`out`) or reach (`in`) the given
 * entities, found through the endpoint index: one range scan per entity, side and type,
 * within the budget.
 */
async function edgesFrom(
  store: StorageBackend,
  facts: FactStore,
  entityIds: readonly string[],
  walk: Walk,
  budget: Budget,
): Promise<{ edge: RelationshipVersion; far: string }[]> {
  let scans = entityIds.flatMap((near) =>
    walk.sides.flatMap((side) =>
      (walk.types ?? [undefined]).map((type) => ({
        near,
        side,
        range: endpointRange(side, near, type),
      })),
    ),
  );
  if (scans.length > budget.scans) {
    scans = scans.slice(0, budget.scans);
    budget.truncated = true;
  }
  budget.scans -= scans.length;
  const hits = await mapLimit(scans, SCAN_CONCURRENCY, async (scan) => {
    const ids: string[] = [];
    if (budget.entries <= 0) {
      budget.truncated = true;
      return [];
    }
    for await (const [k] of store.scan({ ...scan.range, limit: budget.entries + 1 })) {
      if (budget.entries <= 0) {
        budget.truncated = true;
        break;
      }
      budget.entries--;
      ids.push(lastElement(k));
    }
    return ids.map((relId) => ({ relId, near: scan.near, side: scan.side }));
  });
  const flat = hits.flat();
  const records = await facts.asOfMany<RelationshipData>(
    "relationship",
    [...new Set(flat.map((h) => h.relId))],
    walk.times,
  );
  const typeSet = walk.types && new Set(walk.types);
  const out: { edge: RelationshipVersion; far: string }[] = [];
  const seen = new Set<string>();
  for (const { relId, near, side } of flat) {
    const version = records.get(relId);
    if (version === undefined) continue;
    // The index keeps endpoints and types of every version: check this one's.
    const { from, to, type } = version.data;
    if ((side === "out" ? from : to) !== near) continue;
    if (typeSet !== undefined && !typeSet.has(type)) continue;
    const seenKey = `${side}\u0000${near}\u0000${relId}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    out.push({ edge: relationshipView(relId, version), far: side === "out" ? to : from });
  }
  return out;
}
