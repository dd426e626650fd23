/** The paged listings: artifacts (by time, kind, content type) and stored contents. */
import {
  decodeCounter,
  decodeCursor,
  decodeTuple,
  encodeCursor,
  isBlake3Hex,
  key,
  type Page,
  page,
  requireLimit,
  requireOptions,
  requireTimestamp,
  type ScanOptions,
  tupleRange,
  utf8Decode,
} from "@mnemo/core";
import type { ArtifactInfo, ContentInfo, ListOptions, PageOptions } from "./artifact.js";
import { after, type Context } from "./context.js";
import { requireContentType, requireKind } from "./input.js";
import { artifactKey, CONTENTS, contentKey, refCountKey } from "./keyspace.js";
import { artifactCodec, contentCodec } from "./records.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * Index entries one page filtered by both kind and content type reads at most: a page may
 * then hold fewer items than `limit` and still have a `nextCursor`.
 */
export const MAX_SCANNED = 1000;

const readArtifactCursor = (cursor: unknown) =>
  decodeCursor(cursor, "artifact listing", (parts) => {
    const [tag, createdAt, id] = parts;
    return parts.length === 3 &&
      tag === "artifacts" &&
      Number.isSafeInteger(createdAt) &&
      typeof id === "string" &&
      id.length > 0
      ? { createdAt: createdAt as number, id }
      : undefined;
  });

export async function listArtifacts(
  ctx: Context,
  options: ListOptions | undefined,
): Promise<Page<ArtifactInfo>> {
  const o = requireOptions(options);
  const limit = requireLimit(o.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const kind = o.kind === undefined ? undefined : requireKind(o.kind);
  const contentType = o.contentType === undefined ? undefined : requireContentType(o.contentType);
  const since = o.since === undefined ? undefined : requireTimestamp(o.since, "since");
  const position = o.cursor === undefined ? undefined : readArtifactCursor(o.cursor);

  const prefix =
    kind !== undefined ? ["k", kind] : contentType !== undefined ? ["m", contentType] : ["t"];
  const range = tupleRange(prefix);
  const from =
    position !== undefined
      ? after(range, key(...prefix, position.createdAt, position.id))
      : { ...range, gte: since === undefined ? range.gte : tupleRange([...prefix, since]).gte };
  // Kind and content type together: the kind index carries the content type as its value.
  const both = kind !== undefined && contentType !== undefined;
  const scan: ScanOptions = { ...from, limit: both ? MAX_SCANNED : limit + 1 };

  const positions: { createdAt: number; id: string }[] = [];
  let last: { createdAt: number; id: string } | undefined;
  let scanned = 0;
  let more = false;
  for await (const [indexKey, value] of ctx.store.scan(scan)) {
    scanned++;
    const parts = decodeTuple(indexKey);
    const position = { createdAt: parts.at(-2) as number, id: parts.at(-1) as string };
    if (both && utf8Decode(value) !== contentType) {
      last = position;
      continue;
    }
    if (positions.length === limit) {
      more = true;
      break;
    }
    positions.push(position);
    last = position;
  }
  if (both && scanned === MAX_SCANNED) more = true;
  const keys = positions.map((p) => artifactKey(p.id));
  const found = await ctx.store.getBatch(keys);
  const items: ArtifactInfo[] = [];
  positions.forEach((p, i) => {
    const value = found.get(keys[i]!);
    // Index entries change with their record in one commit; stay defensive all the same.
    if (value !== undefined)
      items.push({ artifactId: p.id, ...artifactCodec.decode(value, keys[i]) });
  });
  // `last` is the last entry read and skipped or returned: the next page starts after it.
  const cursorAt = more ? last : undefined;
  return page(
    items,
    cursorAt === undefined
      ? undefined
      : encodeCursor(["artifacts", cursorAt.createdAt, cursorAt.id]),
  );
}

const readContentCursor = (cursor: unknown) =>
  decodeCursor(cursor, "content listing", (parts) =>
    parts.length === 2 && parts[0] === "contents" && isBlake3Hex(parts[1])
      ? (parts[1] as string)
      : undefined,
  );

export async function listContents(
  ctx: Context,
  options: PageOptions | undefined,
): Promise<Page<ContentInfo>> {
  const o = requireOptions(options);
  const limit = requireLimit(o.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const position = o.cursor === undefined ? undefined : readContentCursor(o.cursor);
  const scan: ScanOptions = {
    ...(position === undefined ? CONTENTS : after(CONTENTS, contentKey(position))),
    limit: limit + 1,
  };
  const entries: [string, Uint8Array][] = [];
  for await (const entry of ctx.store.scan(scan)) entries.push([entry[0], entry[1]]);
  const more = entries.length > limit;
  if (more) entries.pop();
  const hashes = entries.map(([k]) => decodeTuple(k)[1] as string);
  const counters = await ctx.store.getBatch(hashes.map(refCountKey));
  const items = entries.map(([k, v], i): ContentInfo => {
    const record = contentCodec.decode(v, k);
    const counter = counters.get(refCountKey(hashes[i]!));
    return {
      hash: hashes[i]!,
      size: record.size,
      storedBytes: record.storedBytes,
      references: counter === undefined ? 0 : Number(decodeCounter(counter)),
    };
  });
  return page(items, more ? encodeCursor(["contents", hashes.at(-1)!]) : undefined);
}
