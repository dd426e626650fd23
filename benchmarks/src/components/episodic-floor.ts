/**
 * What storing the turns alone costs on the backend under test, with no index: the floor under
 * any episodic write path over the same store. Each batch's turns are tokenised (as an append
 * does, with the component's tokenizer) and written as JSON records, in two shapes:
 *
 * - `one key a turn`: the turn under `("turn", session, timestamp, id)`, nothing else;
 * - `turn, pointer, session count`: what Mnemo's keyspace writes besides its postings, the
 *   turn, an `("id", id)` pointer holding the turn's terms, and a `sum` per session.
 *
 * Batched append's goal is half of FTS5's rate; these say how much of that a design can reach
 * before it writes a posting.
 */
import { randomUUID } from "node:crypto";
import { jsonRecordCodec, key, type StorageBackend, type WriteOp } from "@mnemo/core";
import { type TurnInput, tokenize } from "@mnemo/episodic";

export type FloorShape = "one key a turn" | "turn, pointer, session count";
export const FLOOR_SHAPES: readonly FloorShape[] = [
  "one key a turn",
  "turn, pointer, session count",
];

const records = jsonRecordCodec<unknown>(1);

/** Turns a second stored in `shape`, loading `batches` into `store` (a fresh namespace). */
export async function loadTurnsAlone(
  store: StorageBackend,
  batches: readonly (readonly TurnInput[])[],
  shape: FloorShape,
): Promise<number> {
  let turns = 0;
  const start = performance.now();
  for (const batch of batches) {
    const ops: WriteOp[] = [];
    const sessions = new Map<string, number>();
    for (const input of batch) {
      // The distinct terms, as the pointer keeps them (the counts go into postings: none here).
      const terms = new Set(tokenize(input.content));
      const id = randomUUID();
      const timestamp = input.timestamp ?? 0;
      const turn = { id, ...input, timestamp, metadata: {} };
      ops.push({
        type: "put",
        key: key("turn", input.sessionId, timestamp, id),
        value: records.encode(turn),
      });
      if (shape === "one key a turn") continue;
      const pointer = { sessionId: input.sessionId, timestamp, terms: [...terms] };
      ops.push({ type: "put", key: key("id", id), value: records.encode(pointer) });
      sessions.set(input.sessionId, (sessions.get(input.sessionId) ?? 0) + 1);
    }
    await store.write(ops);
    if (sessions.size > 0) {
      const sums = [...sessions].map(([s, n]) => ({
        type: "sum" as const,
        key: key("session", s),
        delta: BigInt(n),
      }));
      const result = await store.commit([], sums);
      if (!result.ok) throw new Error("a commit without checks cannot fail its checks");
    }
    turns += batch.length;
  }
  return turns / ((performance.now() - start) / 1000);
}
