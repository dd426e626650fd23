/**
 * Import: reads an export file, checking every block's digest, the order of frames and the
 * trailer's counts and whole digest. `importStore` reads the file twice: once to verify all
 * of it, then to apply it, so a corrupted or truncated file writes nothing.
 */
import {
  bytesEqual,
  createBlake3,
  describe,
  MAX_COMMIT_CHECKS,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { putAbsent } from "./backfill.js";
import {
  type Block,
  ByteReader,
  corrupted,
  decodeBlock,
  digestBytes,
  EXPORT_FORMAT,
  EXPORT_MAGIC,
  type ExportHeader,
  type ExportTrailer,
  FRAME,
  parseJsonFrame,
} from "./export-format.js";

export type ImportMode = "fail-if-exists" | "skip" | "overwrite";
export const IMPORT_MODES: readonly ImportMode[] = ["fail-if-exists", "skip", "overwrite"];

export type ExportEvent =
  | { readonly type: "header"; readonly header: ExportHeader }
  | { readonly type: "block"; readonly block: Block }
  | { readonly type: "trailer"; readonly trailer: ExportTrailer };

/**
 * The verified contents of an export file, in order; throws `CORRUPTED` at the first fault.
 * A block's values are views of its bytes in the file: copy one to keep it past the block.
 */
export async function* readExport(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
): AsyncGenerator<ExportEvent> {
  const reader = new ByteReader(chunks);
  const magic = await reader.read(EXPORT_MAGIC.length);
  if (magic === undefined || !magic.equals(EXPORT_MAGIC))
    throw corrupted("not a Mnemo export (bad magic)");
  const first = await reader.frame();
  if (first?.type !== FRAME.header) throw corrupted("the header frame is missing");
  const header = parseJsonFrame<ExportHeader>(first.payload, "header");
  if (header.format !== EXPORT_FORMAT) {
    throw corrupted(
      `format version ${describe(header.format)}; this reader knows ${EXPORT_FORMAT}`,
      {
        format: header.format,
      },
    );
  }
  yield { type: "header", header };
  const whole = createBlake3().update(first.payload);
  let records = 0;
  let blocks = 0;
  let bytes = 0;
  for (;;) {
    const next = await reader.frame();
    if (next === undefined) throw corrupted("truncated: no trailer");
    if (next.type === FRAME.trailer) {
      const trailer = parseJsonFrame<ExportTrailer>(next.payload, "trailer");
      if (trailer.records !== records || trailer.blocks !== blocks || trailer.bytes !== bytes) {
        throw corrupted(
          `the trailer counts ${trailer.records} records in ${trailer.blocks} blocks; the file holds ${records} in ${blocks}`,
        );
      }
      if (trailer.digest !== whole.digestHex())
        throw corrupted("the whole-file digest does not match");
      if ((await reader.read(1)) !== undefined) throw corrupted("bytes after the trailer");
      yield { type: "trailer", trailer };
      return;
    }
    if (next.type !== FRAME.block)
      throw corrupted(`unexpected frame type ${next.type} at byte ${reader.offset}`);
    const digest = await reader.frame();
    if (digest?.type !== FRAME.digest) throw corrupted(`block ${blocks} has no digest`);
    const actual = digestBytes(next.payload);
    if (!bytesEqual(actual, digest.payload))
      throw corrupted(`block ${blocks} does not match its digest`, { block: blocks });
    whole.update(actual);
    const block = decodeBlock(next.payload);
    if (!header.namespaces.includes(block.namespace))
      throw corrupted(
        `block ${blocks} names namespace ${describe(block.namespace)}, not in the header`,
      );
    blocks++;
    records += block.records.length;
    for (const [key, value] of block.records) bytes += Buffer.byteLength(key) + value.byteLength;
    yield { type: "block", block };
  }
}

/** Reads the whole file, checking everything; returns its header and trailer. */
export async function verifyExport(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
): Promise<{ header: ExportHeader; trailer: ExportTrailer }> {
  let header: ExportHeader | undefined;
  let trailer: ExportTrailer | undefined;
  for await (const event of readExport(chunks)) {
    if (event.type === "header") header = event.header;
    else if (event.type === "trailer") trailer = event.trailer;
  }
  return { header: header!, trailer: trailer! };
}

export interface ImportResult {
  readonly records: number;
  readonly written: number;
  readonly skipped: number;
}

async function holdsData(store: StorageBackend): Promise<boolean> {
  for await (const _ of store.scan({ limit: 1 })) return true;
  return false;
}

/**
 * Imports an export file into `store` (any backend). `open` is called twice: the file is
 * verified whole before anything is written. `fail-if-exists` refuses (writing nothing)
 * when any (namespace, tenant) of the file already holds data.
 */
export async function importStore(
  store: StorageBackend,
  open: () => AsyncIterable<Buffer | Uint8Array | string>,
  options: { readonly mode?: ImportMode } = {},
): Promise<ImportResult> {
  const mode = options.mode ?? "fail-if-exists";
  if (!IMPORT_MODES.includes(mode)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `mode must be one of ${IMPORT_MODES.join(", ")}; got ${describe(mode)}`,
    );
  }
  const { header, trailer } = await verifyExport(open());
  if (mode === "fail-if-exists") {
    for (const namespace of header.namespaces) {
      for (const tenant of header.tenants[namespace] ?? []) {
        if (await holdsData(store.forNamespace(namespace).forTenant(tenant))) {
          throw new StorageError(
            "FAILED_PRECONDITION",
            `namespace ${describe(namespace)} tenant ${describe(tenant)} already holds data; import with mode skip or overwrite`,
            { details: { namespace, tenant } },
          );
        }
      }
    }
  }
  let written = 0;
  for await (const event of readExport(open())) {
    if (event.type !== "block") continue;
    const { namespace, tenant, records } = event.block;
    const target = store.forNamespace(namespace).forTenant(tenant);
    if (mode === "skip") {
      for (let i = 0; i < records.length; i += MAX_COMMIT_CHECKS) {
        written += (await putAbsent(target, records.slice(i, i + MAX_COMMIT_CHECKS))).written
          .length;
      }
    } else {
      await target.setBatch(records);
      written += records.length;
    }
  }
  return { records: trailer.records, written, skipped: trailer.records - written };
}
