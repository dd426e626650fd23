/**
 * Saving, loading, listing and pruning snapshots. A save is one checked commit: the agent's
 * status (must not be terminated), its version head and registry entry are read, and the new
 * head, the snapshot and its info are written guarded by their versions — so a save never
 * lands after a termination, and a refused save takes no version number.
 */
import {
  decodeCursor,
  decodeTuple,
  describe,
  encodeCursor,
  invalidArgument,
  jsonRecordCodec,
  optional,
  type Page,
  page,
  requireBoolean,
  requireJsonObject,
  requireLimit,
  StorageError,
  transact,
  utf8Length,
} from "@mnemo/core";
import { agentCodec, type Context, headCodec } from "./context.js";
import { agentKey, headKey, infoKey, infosOf, snapshotKey, statusKey } from "./keys.js";
import type { AgentLifecycle } from "./lifecycle.js";
import {
  decodeRecord,
  encodePayload,
  encodeRecord,
  recordSize,
  type Snapshot,
  type SnapshotInfo,
} from "./snapshot.js";

export const infoCodec = jsonRecordCodec<SnapshotInfo>();
export const lifecycleCodec = jsonRecordCodec<AgentLifecycle>();

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/** A page ends early once it holds this many bytes of records (always at least one). */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** Largest `metadata` of a snapshot, in bytes of JSON: infos are listed by the thousand. */
export const MAX_METADATA_BYTES = 64 * 1024;
/** Versions removed per write by `prune`. */
const PRUNE_BATCH = 250;

export async function saveSnapshot(
  ctx: Context,
  agent: string,
  data: unknown,
  metadataInput: unknown,
): Promise<SnapshotInfo> {
  const metadata = optional(metadataInput, "metadata", requireJsonObject);
  if (
    metadata !== undefined &&
    utf8Length(JSON.stringify(metadata), MAX_METADATA_BYTES) > MAX_METADATA_BYTES
  ) {
    throw invalidArgument("metadata", `is more than ${MAX_METADATA_BYTES} bytes of JSON`);
  }
  const encoded = encodePayload(data);
  const savedAt = ctx.now();
  const infoAt = (version: number): SnapshotInfo => ({
    agentId: agent,
    version,
    savedAt,
    encoding: encoded.encoding,
    size: encoded.bytes.byteLength,
    checksum: encoded.checksum,
    ...(metadata === undefined ? {} : { metadata }),
  });
  // Refused before anything is read or written (the commit would refuse it too, atomically).
  const size = recordSize(infoAt(Number.MAX_SAFE_INTEGER), encoded.bytes.byteLength);
  if (size > ctx.maxValueBytes) {
    throw new StorageError(
      "VALUE_TOO_LARGE",
      `snapshot of agent ${describe(agent)} takes ${size} bytes; the store takes at most ${ctx.maxValueBytes}`,
      { details: { field: "data", limit: ctx.maxValueBytes } },
    );
  }
  const { result } = await transact(
    ctx.store,
    async (tx) => {
      const statusBytes = await tx.get(statusKey(agent));
      const lifecycle =
        statusBytes === undefined
          ? undefined
          : lifecycleCodec.decode(statusBytes, statusKey(agent));
      if (lifecycle?.status === "terminated") {
        throw new StorageError("FAILED_PRECONDITION", `agent ${describe(agent)} is terminated`, {
          details: { agentId: agent, status: lifecycle.status },
        });
      }
      if ((await tx.get(agentKey(agent))) === undefined) {
        tx.put(agentKey(agent), agentCodec.encode({ agentId: agent, createdAt: savedAt }));
      }
      const headBytes = await tx.get(headKey(agent));
      const last =
        headBytes === undefined ? 0 : headCodec.decode(headBytes, headKey(agent)).lastVersion;
      const info = infoAt(last + 1);
      tx.put(headKey(agent), headCodec.encode({ lastVersion: info.version }));
      tx.put(snapshotKey(agent, info.version), encodeRecord(info, encoded.bytes));
      tx.put(infoKey(agent, info.version), infoCodec.encode(info));
      return info;
    },
    { maxAttempts: ctx.maxAttempts },
  );
  return result;
}

/** The latest snapshot, or the given version; `undefined` when there is none. */
export async function loadSnapshot(
  ctx: Context,
  agent: string,
  wanted: number | undefined,
): Promise<Snapshot | undefined> {
  let version = wanted;
  if (version === undefined) {
    for await (const [key] of ctx.store.scan({ ...infosOf(agent), reverse: true, limit: 1 })) {
      version = decodeTuple(key)[2] as number;
    }
    if (version === undefined) return undefined;
  }
  const dataKey = snapshotKey(agent, version);
  const found = await ctx.store.getBatch([dataKey, infoKey(agent, version)]);
  const dataBytes = found.get(dataKey);
  const infoBytes = found.get(infoKey(agent, version));
  if (dataBytes === undefined && infoBytes === undefined) return undefined;
  if (dataBytes === undefined || infoBytes === undefined) {
    throw new StorageError(
      "CORRUPTED",
      `snapshot ${version} of agent ${describe(agent)} is missing its ${dataBytes === undefined ? "data" : "info"} record`,
      { details: { agentId: agent, version } },
    );
  }
  const info = infoCodec.decode(infoBytes, infoKey(agent, version));
  return decodeRecord(dataBytes, info, dataKey);
}

/** A page of the agent's snapshot infos (no payloads), oldest first unless `reverse`. */
export async function listSnapshots(
  ctx: Context,
  agent: string,
  cursor: unknown,
  limitInput: unknown,
  reverseInput: unknown,
): Promise<Page<SnapshotInfo>> {
  const limit = requireLimit(limitInput, DEFAULT_PAGE, MAX_PAGE);
  const reverse = reverseInput === undefined ? false : requireBoolean(reverseInput, "reverse");
  const direction = reverse ? 1 : 0;
  const after =
    cursor === undefined
      ? undefined
      : decodeCursor(cursor, "snapshot listing", (parts) =>
          parts.length === 4 &&
          parts[0] === "snapshots" &&
          parts[1] === agent &&
          parts[2] === direction &&
          Number.isSafeInteger(parts[3]) &&
          (parts[3] as number) >= 1
            ? (parts[3] as number)
            : undefined,
        );
  const range = infosOf(agent);
  const bounds =
    after === undefined
      ? range
      : reverse
        ? { gte: range.gte, lt: infoKey(agent, after) }
        : { gt: infoKey(agent, after), ...(range.lt === undefined ? {} : { lt: range.lt }) };
  const items: SnapshotInfo[] = [];
  let more = false;
  let bytes = 0;
  for await (const [key, value] of ctx.store.scan({ ...bounds, reverse, limit: limit + 1 })) {
    if (items.length === limit || (items.length > 0 && bytes + value.byteLength > MAX_PAGE_BYTES)) {
      more = true;
      break;
    }
    bytes += value.byteLength;
    items.push(infoCodec.decode(value, key));
  }
  const last = items.at(-1);
  return page(
    items,
    more && last !== undefined
      ? encodeCursor(["snapshots", agent, direction, last.version])
      : undefined,
  );
}

/**
 * Keeps the latest `keep` versions and removes the older ones, a batch per write (each write
 * removes snapshots with their infos). Returns how many versions were removed.
 */
export async function prune(ctx: Context, agent: string, keep: number): Promise<number> {
  let oldestKept: number | undefined;
  let seen = 0;
  for await (const [key] of ctx.store.scan({ ...infosOf(agent), reverse: true, limit: keep })) {
    oldestKept = decodeTuple(key)[2] as number;
    seen++;
  }
  if (oldestKept === undefined || seen < keep) return 0;
  let removed = 0;
  for (;;) {
    const versions: number[] = [];
    for await (const [key] of ctx.store.scan({
      gte: infosOf(agent).gte,
      lt: infoKey(agent, oldestKept),
      limit: PRUNE_BATCH,
    })) {
      versions.push(decodeTuple(key)[2] as number);
    }
    if (versions.length === 0) return removed;
    await ctx.store.deleteBatch(
      versions.flatMap((version) => [snapshotKey(agent, version), infoKey(agent, version)]),
    );
    removed += versions.length;
  }
}
