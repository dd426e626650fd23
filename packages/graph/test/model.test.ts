/**
 * Every read checked against a naive model across random histories. The model keeps, per
 * fact, the list of transactions, each as a function "valid time -> value"; a read as of
 * (validAt, knownAt) evaluates the last transaction at or before knownAt. It shares no code
 * and no representation with the component.
 */
import { StorageError } from "@mnemo/core";
import { forEachBackend, manualClock } from "@mnemo/testing";
import fc from "fast-check";
import { expect, it } from "vitest";
import { BitemporalGraph, type Direction } from "../src/index.js";

type Value = { type: string; name: string; from?: string; to?: string };
type Belief = (validAt: number) => Value | undefined;

class NaiveGraph {
  readonly facts = new Map<string, { time: number; belief: Belief }[]>();

  #push(key: string, time: number, change: (previous: Belief) => Belief): void {
    const txs = this.facts.get(key) ?? [];
    const previous: Belief = txs.at(-1)?.belief ?? (() => undefined);
    txs.push({ time, belief: change(previous) });
    this.facts.set(key, txs);
  }
  known(key: string): boolean {
    return this.facts.has(key);
  }
  put(key: string, time: number, from: number, to: number | null, value: Value): void {
    this.#push(
      key,
      time,
      (prev) => (t) => (t >= from && (to === null || t < to) ? value : prev(t)),
    );
  }
  end(key: string, time: number, at: number, until: number | null): void {
    this.#push(
      key,
      time,
      (prev) => (t) => (t >= at && (until === null || t < until) ? undefined : prev(t)),
    );
  }
  delete(key: string, time: number): void {
    this.#push(key, time, () => () => undefined);
  }
  at(key: string, validAt: number, knownAt: number): Value | undefined {
    const txs = (this.facts.get(key) ?? []).filter((tx) => tx.time <= knownAt);
    return txs.at(-1)?.belief(validAt);
  }
  ids(kind: "e" | "r"): string[] {
    return [...this.facts.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(2));
  }
}

const ENTITIES = ["e0", "e1", "e2"];
const RELATIONSHIPS = ["r0", "r1", "r2"];
const ENTITY_TYPES = ["person", "org"];
const REL_TYPES = ["knows", "owns"];

const interval = fc.oneof(
  fc.constant(undefined), // the default: from now, open-ended
  fc.record({
    validFrom: fc.integer({ min: 0, max: 40 }),
    length: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
  }),
);

const assertEntity = fc.record({
  op: fc.constant("assertEntity" as const),
  id: fc.constantFrom(...ENTITIES),
  type: fc.constantFrom(...ENTITY_TYPES),
  name: fc.constantFrom("a", "b", "c"),
  interval,
});
const assertRelationship = fc.record({
  op: fc.constant("assertRelationship" as const),
  id: fc.constantFrom(...RELATIONSHIPS),
  from: fc.constantFrom(...ENTITIES),
  to: fc.constantFrom(...ENTITIES),
  type: fc.constantFrom(...REL_TYPES),
  name: fc.constantFrom("a", "b"),
  interval,
});
const kindAndIndex = {
  kind: fc.constantFrom("e" as const, "r" as const),
  index: fc.nat(2),
};
const correct = fc.record({
  op: fc.constant("correct" as const),
  ...kindAndIndex,
  type: fc.nat(1),
  name: fc.constantFrom("x", "y"),
  from: fc.constantFrom(...ENTITIES),
  to: fc.constantFrom(...ENTITIES),
  validFrom: fc.integer({ min: 0, max: 40 }),
  length: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
});
const end = fc.record({
  op: fc.constant("end" as const),
  ...kindAndIndex,
  at: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
  length: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
});
const retract = fc.record({ op: fc.constant("delete" as const), ...kindAndIndex });

const op = fc.oneof(
  { weight: 4, arbitrary: assertEntity },
  { weight: 3, arbitrary: assertRelationship },
  { weight: 3, arbitrary: correct },
  { weight: 2, arbitrary: end },
  { weight: 1, arbitrary: retract },
);

const step = fc.record({ op, tick: fc.nat(2) });
const query = fc.record({
  validAt: fc.integer({ min: 0, max: 60 }),
  // Mostly the recent past, where the history is; sometimes far back.
  knownBack: fc.oneof({ weight: 3, arbitrary: fc.nat(4) }, { weight: 1, arbitrary: fc.nat(40) }),
  direction: fc.constantFrom<Direction>("out", "in", "both"),
});

const idOf = (kind: "e" | "r", index: number) =>
  kind === "e" ? ENTITIES[index % ENTITIES.length]! : RELATIONSHIPS[index % RELATIONSHIPS.length]!;

forEachBackend((backend) => {
  it("every read agrees with a naive model of the versions", async () => {
    const probe = await backend.open({ namespace: "graph" });
    const runs = probe.characteristics().persistent ? 10 : 100;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.array(query, { minLength: 1, maxLength: 4 }),
        async (steps, queries) => {
          const store = await backend.open({ namespace: "graph" });
          const clock = manualClock(100);
          const graph = new BitemporalGraph(store, { clock });
          const model = new NaiveGraph();
          for (const { op: o, tick } of steps) {
            clock.advance(tick);
            const now = clock.now();
            let expected: string | undefined; // the error code the model predicts
            let apply = () => {};
            let call: () => Promise<unknown>;
            switch (o.op) {
              case "assertEntity": {
                const from = o.interval?.validFrom ?? now;
                const to = o.interval?.length == null ? null : from + o.interval.length;
                const value = { type: o.type, name: o.name };
                apply = () => model.put(`e:${o.id}`, now, from, to, value);
                call = () =>
                  graph.assertEntity(
                    { id: o.id, ...value },
                    o.interval && { validFrom: from, validTo: to },
                  );
                break;
              }
              case "assertRelationship": {
                const from = o.interval?.validFrom ?? now;
                const to = o.interval?.length == null ? null : from + o.interval.length;
                const value = { type: o.type, name: o.name, from: o.from, to: o.to };
                if (!model.known(`e:${o.from}`) || !model.known(`e:${o.to}`)) {
                  expected = "INVALID_ARGUMENT";
                }
                apply = () => model.put(`r:${o.id}`, now, from, to, value);
                call = () =>
                  graph.assertRelationship(
                    {
                      id: o.id,
                      from: o.from,
                      to: o.to,
                      type: o.type,
                      properties: { name: o.name },
                    },
                    o.interval && { validFrom: from, validTo: to },
                  );
                break;
              }
              case "correct": {
                const id = idOf(o.kind, o.index);
                const to = o.length === null ? null : o.validFrom + o.length;
                const interval = { validFrom: o.validFrom, validTo: to };
                if (o.kind === "e") {
                  const value = { type: ENTITY_TYPES[o.type]!, name: o.name };
                  if (!model.known(`e:${id}`)) expected = "NOT_FOUND";
                  apply = () => model.put(`e:${id}`, now, o.validFrom, to, value);
                  call = () => graph.correctEntity(id, value, interval);
                } else {
                  const value = { type: REL_TYPES[o.type]!, name: o.name, from: o.from, to: o.to };
                  if (!model.known(`e:${o.from}`) || !model.known(`e:${o.to}`)) {
                    expected = "INVALID_ARGUMENT";
                  } else if (!model.known(`r:${id}`)) expected = "NOT_FOUND";
                  apply = () => model.put(`r:${id}`, now, o.validFrom, to, value);
                  call = () =>
                    graph.correctRelationship(
                      id,
                      { from: o.from, to: o.to, type: value.type, properties: { name: o.name } },
                      interval,
                    );
                }
                break;
              }
              case "end": {
                const id = idOf(o.kind, o.index);
                const at = o.at ?? now;
                const until = o.length === undefined ? null : at + o.length;
                if (!model.known(`${o.kind}:${id}`)) expected = "NOT_FOUND";
                apply = () => model.end(`${o.kind}:${id}`, now, at, until);
                const options = {
                  ...(o.at !== undefined && { at: o.at }),
                  ...(until !== null && { until }),
                };
                call = () =>
                  o.kind === "e"
                    ? graph.endEntity(id, options)
                    : graph.endRelationship(id, options);
                break;
              }
              case "delete": {
                const id = idOf(o.kind, o.index);
                // A delete of what was never asserted deletes nothing (false), as everywhere.
                const known = model.known(`${o.kind}:${id}`);
                apply = () => known && model.delete(`${o.kind}:${id}`, now);
                call = () =>
                  o.kind === "e" ? graph.deleteEntity(id) : graph.deleteRelationship(id);
                break;
              }
            }
            const outcome = await call().then(
              () => "ok",
              (e: unknown) => (StorageError.is(e) ? e.code : String(e)),
            );
            expect(outcome).toBe(expected ?? "ok");
            if (expected === undefined) apply();
          }

          clock.advance(1);
          for (const q of queries) {
            const validAt = q.validAt;
            const knownAt = clock.now() - q.knownBack;
            const asOf = { validAt, knownAt };
            const entityAt = (id: string) => model.at(`e:${id}`, validAt, knownAt);
            const relAt = (id: string) => model.at(`r:${id}`, validAt, knownAt);

            for (const id of ENTITIES) {
              const got = await graph.getEntity(id, asOf);
              const want = entityAt(id);
              expect(got && { type: got.type, name: got.name }).toEqual(want);
              if (got) {
                expect(got.validFrom <= validAt && (got.validTo ?? Infinity) > validAt).toBe(true);
                expect(got.txFrom <= knownAt && (got.txTo ?? Infinity) > knownAt).toBe(true);
              }
            }
            for (const id of RELATIONSHIPS) {
              const got = await graph.getRelationship(id, asOf);
              const want = relAt(id);
              expect(
                got && { type: got.type, name: got.properties.name, from: got.from, to: got.to },
              ).toEqual(want);
            }
            for (const type of ENTITY_TYPES) {
              const ids: string[] = [];
              let cursor: string | undefined;
              do {
                const page = await graph.listEntities(type, {
                  ...asOf,
                  limit: 2,
                  ...(cursor && { cursor }),
                });
                ids.push(...page.items.map((e) => e.id));
                cursor = page.nextCursor;
              } while (cursor !== undefined);
              expect(ids).toEqual(ENTITIES.filter((id) => entityAt(id)?.type === type));
            }
            const validRels = model.ids("r").filter((id) => relAt(id) !== undefined);
            for (const id of ENTITIES) {
              for (const type of [undefined, ...REL_TYPES]) {
                const options = type === undefined ? asOf : { ...asOf, type };
                const match = (r: string) => type === undefined || relAt(r)!.type === type;
                const out = (await graph.outgoing(id, options)).items.map((r) => r.id).sort();
                const inc = (await graph.incoming(id, options)).items.map((r) => r.id).sort();
                expect(out).toEqual(
                  validRels.filter((r) => relAt(r)!.from === id && match(r)).sort(),
                );
                expect(inc).toEqual(
                  validRels.filter((r) => relAt(r)!.to === id && match(r)).sort(),
                );
              }
            }

            // Breadth-first walk in the model: depths, and the edges walked from expanded nodes.
            const depth = 2;
            const want = new Map<string, number>();
            const wantEdges = new Set<string>();
            if (entityAt("e0")) want.set("e0", 0);
            for (let level = 0; level < depth; level++) {
              const expanded = [...want].filter(([, d]) => d === level).map(([id]) => id);
              for (const r of validRels) {
                const { from, to } = relAt(r)!;
                for (const [side, near, far] of [
                  ["out", from, to],
                  ["in", to, from],
                ] as const) {
                  if (q.direction !== "both" && q.direction !== side) continue;
                  if (!expanded.includes(near!) || !entityAt(far!)) continue;
                  if (!want.has(far!)) want.set(far!, level + 1);
                  wantEdges.add(r);
                }
              }
            }
            const walk = await graph.traverse("e0", { ...asOf, depth, direction: q.direction });
            expect(new Map(walk.nodes.map((n) => [n.entity.id, n.depth]))).toEqual(want);
            expect(walk.edges.map((e) => e.id).sort()).toEqual([...wantEdges].sort());
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
