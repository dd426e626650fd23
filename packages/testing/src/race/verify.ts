/** The checks after a race (see clients.ts): one serial chain per record, no orphans. */
import type { StorageBackend } from "@mnemo/core";
import { expect } from "vitest";
import { byteOrder } from "../conformance/helpers.js";
import {
  CREATED_KEY,
  type CreateLog,
  decode,
  indexKey,
  type MoveLog,
  ownerKey,
  RACE_PREFIX,
  type RecordValue,
  uniqueKey,
} from "./clients.js";

/** Asserts the stored state is the end of one serial chain of the logged moves per record. */
export async function verifyMoves(
  store: StorageBackend,
  records: number,
  logs: readonly MoveLog[],
): Promise<void> {
  const stored = new Map<number, { value: RecordValue; version: string }>();
  for await (const [key, value, version] of store.scan({
    prefix: `${RACE_PREFIX}rec/`,
    versions: true,
  })) {
    stored.set(Number(key.slice(`${RACE_PREFIX}rec/`.length)), { value: decode(value), version });
  }
  const index: string[] = [];
  for await (const [key] of store.scan({ prefix: `${RACE_PREFIX}idx/` })) index.push(key);

  expect(stored.size, "every record is still there").toBe(records);
  let total = 0;
  for (let id = 0; id < records; id++) {
    const chain = logs.filter((log) => log.record === id).sort((a, b) => a.from - b.from);
    // One successful commit per count: two from the same count would be a lost update.
    expect(
      chain.map((log) => log.from),
      `record ${id}: commits must each build on the previous one`,
    ).toEqual(chain.map((_, i) => i));
    for (let i = 1; i < chain.length; i++) {
      expect(
        byteOrder(chain[i]!.version, chain[i - 1]!.version),
        `record ${id} versions grow`,
      ).toBeGreaterThan(0);
    }
    const record = stored.get(id)!;
    expect(record.value.count, `record ${id}: count equals its successful commits`).toBe(
      chain.length,
    );
    if (chain.length > 0) {
      const last = chain[chain.length - 1]!;
      expect(record.value.slot).toBe(last.slot);
      expect(record.version).toBe(last.version);
    } else expect(record.value.slot).toBe(0);
    total += record.value.count;
  }
  expect(total, "no lost update: counts add up to the successful commits").toBe(logs.length);
  // Exactly one index entry per record, where its record says; none without a record.
  const expectedIndex = [...stored]
    .map(([id, { value }]) => indexKey(value.slot, id))
    .sort(byteOrder);
  expect([...index].sort(byteOrder), "index entries match their records").toEqual(expectedIndex);
}

/** Asserts each record was created exactly once, by the client its owner entry names. */
export async function verifyCreates(
  store: StorageBackend,
  keys: number,
  logs: readonly CreateLog[],
): Promise<void> {
  for (let j = 0; j < keys; j++) {
    const winners = logs.filter((log) => log.key === j).map((log) => log.client);
    expect(
      winners.length,
      `record ${j}: exactly one absent-checked create wins, got ${winners.join(", ")}`,
    ).toBe(1);
    const stored = await store.get(uniqueKey(j));
    expect(stored && decode<string>(stored), `record ${j} holds its winner`).toBe(winners[0]);
  }
  const owners: string[] = [];
  for await (const [key] of store.scan({ prefix: `${RACE_PREFIX}own/` })) owners.push(key);
  expect(owners.sort(byteOrder), "one owner entry per record, its winner's").toEqual(
    logs.map((log) => ownerKey(log.client, log.key)).sort(byteOrder),
  );
  const created = await store.get(CREATED_KEY);
  expect(created && new DataView(created.buffer, created.byteOffset).getBigInt64(0)).toBe(
    BigInt(keys),
  );
}
