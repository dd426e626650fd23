/**
 * Export: streams a store's namespaces (or the ones asked for) as an export file (see
 * `export-format.ts`), one bounded block at a time, so memory stays flat however large the
 * store. Each value is one its key held while the export ran; writes that continue during
 * it may or may not be in the file (the header says `consistency: "per-key"`).
 */
import { type Clock, createBlake3, type StorageBackend, systemClock } from "@mnemo/core";
import {
  type Block,
  digestBytes,
  EXPORT_FORMAT,
  EXPORT_MAGIC,
  type ExportHeader,
  type ExportTrailer,
  encodeBlock,
  FRAME,
  frame,
  frameHead,
} from "./export-format.js";
import { STATE_NAMESPACE } from "./state.js";

export interface ExportOptions {
  /** Default: every namespace holding data (but the migration state's). */
  readonly namespaces?: readonly string[];
  /** Default: every tenant of each namespace. */
  readonly tenants?: readonly string[];
  /** Names the source in the header (a URL without password). */
  readonly source?: string;
  /** Records per block; default 1000. */
  readonly blockRecords?: number;
  /** Bytes of keys and values per block, about; default 1 MiB. */
  readonly blockBytes?: number;
  readonly clock?: Clock;
  /** Called after each block with the records and bytes so far. */
  readonly onBlock?: (records: number, bytes: number) => void;
  /**
   * Asked after each record with the bytes of keys and values exported so far: `true` ends
   * the scan there, calls `betweenSegments`, and resumes after the last key. Default: one
   * scan per namespace and tenant.
   */
  readonly endSegment?: (bytes: number) => boolean;
  /**
   * Called between segments, with no scan of the store open; returns the store to read on
   * from: the same, or the same one reopened (closing LevelDB unmaps the table files a long
   * scan has read, which otherwise stay resident, up to its table cache of ~64 x 2 MiB).
   */
  readonly betweenSegments?: () => Promise<StorageBackend>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The export file of `store`, as a stream of buffers to pipe to a file (or gzip). */
export async function* exportStore(
  store: StorageBackend,
  options: ExportOptions = {},
): AsyncGenerator<Buffer> {
  const endSegment = options.endSegment ?? (() => false);
  const namespaces =
    options.namespaces ??
    (await collect(store.listNamespaces())).filter((n) => n !== STATE_NAMESPACE);
  const tenants: Record<string, string[]> = {};
  for (const namespace of namespaces) {
    tenants[namespace] = options.tenants
      ? [...options.tenants]
      : await collect(store.forNamespace(namespace).listTenants());
  }
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    source: options.source ?? store.backendType(),
    namespaces,
    tenants,
    createdAt: (options.clock ?? systemClock).now(),
    consistency: "per-key",
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  yield Buffer.concat([EXPORT_MAGIC, frame(FRAME.header, headerBytes)]);
  const maxRecords = options.blockRecords ?? 1000;
  const maxBytes = options.blockBytes ?? 1024 * 1024;
  // The whole digest covers the header too, so a changed header is caught.
  const whole = createBlake3().update(headerBytes);
  let records = 0;
  let bytes = 0;
  let blocks = 0;
  /** A block's frames as separate buffers: no copy of the payload into one larger buffer. */
  const emit = (block: Block): Buffer[] => {
    const payload = encodeBlock(block);
    const digest = digestBytes(payload);
    whole.update(digest);
    blocks++;
    options.onBlock?.(records, bytes);
    return [frameHead(FRAME.block, payload.byteLength), payload, frame(FRAME.digest, digest)];
  };
  let current = store;
  for (const namespace of namespaces) {
    for (const tenant of tenants[namespace]!) {
      let block: Block = { namespace, tenant, records: [] };
      let blockBytes = 0;
      let after: string | undefined;
      let segmentEnded = true;
      while (segmentEnded) {
        segmentEnded = false;
        const scope = current.forNamespace(namespace).forTenant(tenant);
        for await (const [key, value] of scope.scan(after === undefined ? {} : { gt: after })) {
          block.records.push([key, value]);
          const size = Buffer.byteLength(key) + value.byteLength;
          blockBytes += size;
          records++;
          bytes += size;
          after = key;
          if (block.records.length >= maxRecords || blockBytes >= maxBytes) {
            yield* emit(block);
            block = { namespace, tenant, records: [] };
            blockBytes = 0;
          }
          if (endSegment(bytes)) {
            segmentEnded = true;
            break;
          }
        }
        if (segmentEnded && options.betweenSegments) current = await options.betweenSegments();
      }
      if (block.records.length > 0) yield* emit(block);
    }
  }
  const trailer: ExportTrailer = { records, blocks, bytes, digest: whole.digestHex() };
  yield frame(FRAME.trailer, Buffer.from(JSON.stringify(trailer)));
}
