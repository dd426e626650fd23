import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  assertBlake3Hex,
  blake3Hex,
  type Clock,
  casUpdate,
  createBlake3,
  decodeTuple,
  describe,
  type Entry,
  type StorageBackend,
  StorageError,
  toJson,
  tupleRange,
  UNCHANGED,
} from "@mnemo/core";
import {
  ARTIFACT_KINDS,
  type ArtifactContent,
  type ArtifactInfo,
  type ArtifactKind,
  type ArtifactStats,
  COMPRESSIONS,
  type GcResult,
  type ListOptions,
  type ListPage,
  type PutOptions,
  type PutResult,
} from "./artifact.js";
import { decodeChunk, encodeChunk } from "./chunk-codec.js";
import { chunked } from "./chunker.js";
import {
  ARTIFACTS,
  artifactKey,
  CONTENTS,
  chunkKey,
  chunksOf,
  contentKey,
  kindIndexKey,
  timeIndexKey,
  typeIndexKey,
  UPLOADS,
  uploadKey,
} from "./keyspace.js";
import {
  type ArtifactRecord,
  artifactCodec,
  type ContentRecord,
  contentCodec,
  type UploadRecord,
  uploadCodec,
} from "./records.js";

export interface ArtifactStoreOptions {
  /** Bytes per chunk; default 1 MiB. Must fit the backend's value limit. */
  readonly chunkSize?: number;
  /**
   * How long an upload may run before `gc()` treats it as abandoned (its process died) and
   * reclaims its chunks. Default one hour.
   */
  readonly uploadGraceMs?: number;
  readonly clock?: Clock;
}

const MiB = 1024 * 1024;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_ID_LENGTH = 256;
/** Keys deleted per write() when removing many chunks, to keep each write bounded. */
const DELETE_PAGE = 256;

type UploadState = UploadRecord & { readonly hash?: string; readonly committingAt?: number };

function invalid(message: string, details: Record<string, unknown> = {}): StorageError {
  return new StorageError("INVALID_ARGUMENT", message, { details });
}

function validateArtifactId(id: unknown): asserts id is string {
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw invalid(
      `artifactId must be a non-empty string of at most ${MAX_ID_LENGTH} characters, got ${describe(id)}`,
      {
        field: "artifactId",
      },
    );
  }
}

function validateContentType(
  contentType: unknown,
  field = "contentType",
): asserts contentType is string {
  if (
    typeof contentType !== "string" ||
    contentType.trim() === "" ||
    contentType.length > 255 ||
    /[\u0000-\u001f]/.test(contentType)
  ) {
    throw invalid(
      `${field} must be a non-empty MIME type such as "text/plain", got ${describe(contentType)}`,
      { field },
    );
  }
}

function validateKind(kind: unknown): asserts kind is ArtifactKind {
  if (!(ARTIFACT_KINDS as readonly unknown[]).includes(kind)) {
    throw invalid(`kind must be one of ${ARTIFACT_KINDS.join(", ")}, got ${describe(kind)}`, {
      field: "kind",
    });
  }
}

function toInfo(artifactId: string, record: ArtifactRecord): ArtifactInfo {
  return { artifactId, ...record };
}

const encodeCursor = (indexKey: string) => Buffer.from(indexKey, "utf8").toString("base64url");

/**
 * A blake3 content-addressed blob store over a backend handle. See the README for the
 * keyspace and the reference-counting protocol.
 */
export class ArtifactStore {
  readonly #store: StorageBackend;
  readonly #chunkSize: number;
  readonly #graceMs: number;
  readonly #clock: Clock;

  constructor(store: StorageBackend, options: ArtifactStoreOptions = {}) {
    const chunkSize = options.chunkSize ?? MiB;
    if (!Number.isInteger(chunkSize) || chunkSize < 1024 || chunkSize > 16 * MiB - 1) {
      throw invalid(
        `chunkSize must be an integer from 1024 to ${16 * MiB - 1}, got ${describe(chunkSize)}`,
        {
          field: "chunkSize",
        },
      );
    }
    this.#store = store;
    this.#chunkSize = chunkSize;
    this.#graceMs = options.uploadGraceMs ?? 60 * 60 * 1000;
    this.#clock = options.clock ?? Date;
  }

  // ---- writing ----------------------------------------------------------------------

  async put(content: ArtifactContent, options: PutOptions): Promise<PutResult> {
    if (options === null || typeof options !== "object") throw invalid("put options are required");
    validateContentType(options.contentType);
    validateKind(options.kind);
    if (options.name !== undefined && typeof options.name !== "string") {
      throw invalid(`name must be a string, got ${describe(options.name)}`, { field: "name" });
    }
    if (options.metadata !== undefined) {
      if (
        options.metadata === null ||
        typeof options.metadata !== "object" ||
        Array.isArray(options.metadata)
      ) {
        throw invalid("metadata must be a plain object", { field: "metadata" });
      }
      toJson(options.metadata, "metadata");
    }
    const compression = options.compress ?? "none";
    if (!(COMPRESSIONS as readonly unknown[]).includes(compression)) {
      throw invalid(
        `compress must be one of ${COMPRESSIONS.join(", ")}, got ${describe(compression)}`,
        {
          field: "compress",
        },
      );
    }

    // Bytes in hand: hash them first, and a dedup hit costs one compareAndSwap, no upload.
    if (content instanceof Uint8Array) {
      const hash = blake3Hex(content);
      if (await this.#referenceExisting(hash)) {
        return this.#recordArtifact({ hash, size: content.byteLength }, options, true);
      }
    }

    const generation = `${this.#clock.now().toString(36)}-${randomUUID()}`;
    const upload: UploadState = { startedAt: this.#clock.now() };
    await this.#store.set(uploadKey(generation), uploadCodec.encode(upload));

    let uploaded: { hash: string; size: number; storedBytes: number; chunks: string[] };
    try {
      uploaded = await this.#storeChunks(content, generation, compression);
    } catch (error) {
      await this.#discardUpload(generation).catch(() => {
        // Left for gc(): the upload record marks these chunks as reclaimable.
      });
      if (error instanceof StorageError) throw error;
      throw new StorageError(
        "INVALID_ARGUMENT",
        `content stream failed: ${error instanceof Error ? error.message : String(error)}; nothing was stored`,
        { cause: error },
      );
    }

    // Mark the upload as committing, so gc() knows to look for its content before reclaiming.
    const committing = uploadCodec.encode({
      ...upload,
      hash: uploaded.hash,
      committingAt: this.#clock.now(),
    } as UploadState);
    if (
      !(await this.#store.compareAndSwap(
        uploadKey(generation),
        uploadCodec.encode(upload),
        committing,
      ))
    ) {
      throw new StorageError(
        "UNAVAILABLE",
        `upload ${generation} outlived uploadGraceMs (${this.#graceMs} ms) and was reclaimed by gc(); put again`,
      );
    }

    const deduplicated = await this.#reference(uploaded, generation);
    // Our chunks are either the content's now, or redundant (deleted above): the upload is over.
    await this.#store.delete(uploadKey(generation));

    return this.#recordArtifact(uploaded, options, deduplicated);
  }

  /** Writes the artifact record and its index entries; the content reference is already held. */
  async #recordArtifact(
    content: { hash: string; size: number },
    options: PutOptions,
    deduplicated: boolean,
  ): Promise<PutResult> {
    const artifactId = randomUUID();
    const record: ArtifactRecord = {
      hash: content.hash,
      size: content.size,
      contentType: options.contentType,
      kind: options.kind,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      createdAt: this.#clock.now(),
    };
    try {
      await this.#store.write(this.#recordOps(artifactId, record, "put"));
    } catch (error) {
      await this.#release(content.hash).catch(() => {});
      throw error;
    }
    return { artifactId, hash: content.hash, size: content.size, deduplicated };
  }

  /** Adds a reference to stored content; false when there is none. */
  async #referenceExisting(hash: string): Promise<boolean> {
    const { changed } = await casUpdate(this.#store, contentKey(hash), contentCodec, (record) =>
      record === undefined ? UNCHANGED : { ...record, refs: record.refs + 1 },
    );
    return changed;
  }

  async #storeChunks(
    content: ArtifactContent,
    generation: string,
    compression: PutOptions["compress"] & {},
  ) {
    const whole = createBlake3();
    const chunks: string[] = [];
    const written = new Set<string>();
    let size = 0;
    let storedBytes = 0;
    for await (const chunk of chunked(content, this.#chunkSize)) {
      whole.update(chunk);
      size += chunk.byteLength;
      const chunkHash = blake3Hex(chunk);
      chunks.push(chunkHash);
      if (written.has(chunkHash)) continue;
      const stored = await encodeChunk(chunk, compression);
      await this.#store.set(chunkKey(generation, chunkHash), stored);
      written.add(chunkHash);
      storedBytes += stored.byteLength;
    }
    return { hash: whole.digestHex(), size, storedBytes, chunks };
  }

  /**
   * Adds a reference to the content: to the stored copy when there is one (and drops the
   * chunks just uploaded), else makes the upload the stored copy. Returns whether it deduplicated.
   */
  async #reference(
    uploaded: { hash: string; size: number; storedBytes: number; chunks: string[] },
    generation: string,
  ): Promise<boolean> {
    const created = contentCodec.encode({
      refs: 1,
      generation,
      size: uploaded.size,
      storedBytes: uploaded.storedBytes,
      chunkSize: this.#chunkSize,
      chunks: uploaded.chunks,
    } satisfies ContentRecord);
    for (;;) {
      if (await this.#referenceExisting(uploaded.hash)) {
        await this.#deleteChunks(generation);
        return true;
      }
      if (await this.#store.compareAndSwap(contentKey(uploaded.hash), undefined, created))
        return false;
      // Another writer stored this content between our read and swap: reference theirs.
    }
  }

  /** Drops one reference; the last one removes the content record and its chunks. */
  async #release(hash: string): Promise<void> {
    const { previous, next } = await casUpdate(
      this.#store,
      contentKey(hash),
      contentCodec,
      (record) => {
        if (record === undefined) return UNCHANGED;
        return record.refs > 1 ? { ...record, refs: record.refs - 1 } : undefined;
      },
    );
    // The record went first, by the swap; only then its chunks, which no one can reference now.
    if (previous !== undefined && next === undefined) await this.#deleteChunks(previous.generation);
  }

  async #deleteChunks(generation: string): Promise<{ chunks: number; bytes: number }> {
    let chunks = 0;
    let bytes = 0;
    for (;;) {
      const page: Entry[] = [];
      for await (const entry of this.#store.scan({ ...chunksOf(generation), limit: DELETE_PAGE }))
        page.push(entry);
      if (page.length === 0) return { chunks, bytes };
      await this.#store.deleteBatch(page.map(([k]) => k));
      chunks += page.length;
      for (const [, v] of page) bytes += v.byteLength;
    }
  }

  async #discardUpload(generation: string): Promise<{ chunks: number; bytes: number }> {
    const freed = await this.#deleteChunks(generation);
    await this.#store.delete(uploadKey(generation));
    return freed;
  }

  #recordOps(artifactId: string, record: ArtifactRecord, type: "put" | "del") {
    const empty = new Uint8Array(0);
    const keys = [
      timeIndexKey(record.createdAt, artifactId),
      kindIndexKey(record.kind, record.createdAt, artifactId),
      typeIndexKey(record.contentType, record.createdAt, artifactId),
    ];
    return type === "put"
      ? [
          {
            type: "put" as const,
            key: artifactKey(artifactId),
            value: artifactCodec.encode(record),
          },
          ...keys.map((key) => ({ type: "put" as const, key, value: empty })),
        ]
      : keys.map((key) => ({ type: "del" as const, key }));
  }

  /** Removes the artifact; its content goes when no other artifact references it. */
  async delete(artifactId: string): Promise<boolean> {
    validateArtifactId(artifactId);
    const key = artifactKey(artifactId);
    for (;;) {
      const current = await this.#store.get(key);
      if (current === undefined) return false;
      // Exactly one of several concurrent deleters wins this swap, so the reference is
      // released once.
      if (!(await this.#store.compareAndSwap(key, current, undefined))) continue;
      const record = artifactCodec.decode(current, key);
      await this.#store.write(this.#recordOps(artifactId, record, "del"));
      await this.#release(record.hash);
      return true;
    }
  }

  /**
   * Removes content no artifact references, and the chunks of uploads abandoned longer than
   * `uploadGraceMs` ago (a process that died mid-put).
   */
  async gc(): Promise<GcResult> {
    let contents = 0;
    let chunks = 0;
    let bytes = 0;
    let uploads = 0;
    for await (const [key, value] of this.#store.scan(CONTENTS)) {
      const record = contentCodec.decode(value, key);
      if (record.refs > 0) continue;
      if (await this.#store.compareAndSwap(key, value, undefined)) {
        const freed = await this.#deleteChunks(record.generation);
        contents++;
        chunks += freed.chunks;
        bytes += freed.bytes;
      }
    }
    const now = this.#clock.now();
    const expired: Entry[] = [];
    for await (const entry of this.#store.scan(UPLOADS)) expired.push(entry);
    for (const [key, value] of expired) {
      const upload = uploadCodec.decode(value, key) as UploadState;
      const generation = decodeTuple(key)[1] as string;
      if (upload.hash !== undefined) {
        // A committing upload: if its content is stored under this generation, the chunks
        // are live and only the record is left over.
        const content = await this.#store.get(contentKey(upload.hash));
        if (content !== undefined && contentCodec.decode(content).generation === generation) {
          await this.#store.compareAndSwap(key, value, undefined);
          continue;
        }
      }
      const since = upload.committingAt ?? upload.startedAt;
      if (now - since < this.#graceMs) continue;
      if (!(await this.#store.compareAndSwap(key, value, undefined))) continue;
      const freed = await this.#deleteChunks(generation);
      uploads++;
      chunks += freed.chunks;
      bytes += freed.bytes;
    }
    return { contents, chunks, bytes, uploads };
  }

  // ---- reading ----------------------------------------------------------------------

  async stat(artifactId: string): Promise<ArtifactInfo | undefined> {
    validateArtifactId(artifactId);
    const key = artifactKey(artifactId);
    const value = await this.#store.get(key);
    return value === undefined ? undefined : toInfo(artifactId, artifactCodec.decode(value, key));
  }

  /** The whole content, verified. Throws NOT_FOUND for an unknown artifact, CORRUPTED on a bad chunk. */
  async get(artifactId: string): Promise<Uint8Array> {
    const { record, chunks } = await this.#open(artifactId);
    const out = new Uint8Array(record.size);
    let offset = 0;
    for await (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  /**
   * The content as a Node.js Readable of verified chunks. Resolves once the artifact is found,
   * so an unknown id rejects here rather than erroring the stream.
   */
  async getStream(artifactId: string): Promise<Readable> {
    const { chunks } = await this.#open(artifactId);
    return Readable.from(chunks, { objectMode: false });
  }

  /** Whether this tenant stores content with this blake3 hash. */
  async hasContent(hash: string): Promise<boolean> {
    assertBlake3Hex(hash);
    return this.#store.exists(contentKey(hash));
  }

  async #open(
    artifactId: string,
  ): Promise<{ record: ArtifactRecord; chunks: AsyncGenerator<Uint8Array> }> {
    validateArtifactId(artifactId);
    const key = artifactKey(artifactId);
    const value = await this.#store.get(key);
    if (value === undefined) {
      throw new StorageError("NOT_FOUND", `artifact ${describe(artifactId)} does not exist`, {
        details: { artifactId },
      });
    }
    const record = artifactCodec.decode(value, key);
    const content = await this.#store.get(contentKey(record.hash));
    if (content === undefined) {
      throw new StorageError(
        "CORRUPTED",
        `artifact ${describe(artifactId)} references missing content ${record.hash}`,
        {
          details: { artifactId, hash: record.hash },
        },
      );
    }
    return {
      record,
      chunks: this.#chunks(
        artifactId,
        record,
        contentCodec.decode(content, contentKey(record.hash)),
      ),
    };
  }

  async *#chunks(
    artifactId: string,
    record: ArtifactRecord,
    content: ContentRecord,
  ): AsyncGenerator<Uint8Array> {
    const where = `artifact ${describe(artifactId)}`;
    const whole = createBlake3();
    const fetch = (i: number) => this.#store.get(chunkKey(content.generation, content.chunks[i]!));
    // One chunk ahead: the next read overlaps verifying and consuming this one.
    let next = content.chunks.length > 0 ? fetch(0) : undefined;
    for (let i = 0; i < content.chunks.length; i++) {
      const stored = await next!;
      next = i + 1 < content.chunks.length ? fetch(i + 1) : undefined;
      next?.catch(() => {});
      if (stored === undefined) {
        throw new StorageError(
          "CORRUPTED",
          `${where}: chunk ${i} (${content.chunks[i]}) is missing`,
          {
            details: { artifactId, chunk: i },
          },
        );
      }
      const bytes = await decodeChunk(stored, content.chunks[i]!, `${where}, chunk ${i}`);
      whole.update(bytes);
      if (i === content.chunks.length - 1 && whole.digestHex() !== record.hash) {
        throw new StorageError("CORRUPTED", `${where}: content does not match its blake3 hash`, {
          details: { artifactId, hash: record.hash },
        });
      }
      yield bytes;
    }
  }

  async list(options: ListOptions = {}): Promise<ListPage> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw invalid(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${describe(limit)}`, {
        field: "limit",
      });
    }
    if (options.kind !== undefined) validateKind(options.kind);
    if (options.contentType !== undefined) validateContentType(options.contentType);
    if (options.since !== undefined && !Number.isFinite(options.since)) {
      throw invalid(`since must be epoch milliseconds, got ${describe(options.since)}`, {
        field: "since",
      });
    }
    const prefix =
      options.kind !== undefined
        ? ["k", options.kind]
        : options.contentType !== undefined
          ? ["m", options.contentType]
          : ["t"];
    const range = tupleRange(prefix);
    let lower: { gte?: string; gt?: string } = { gte: range.gte };
    if (options.since !== undefined) lower = { gte: tupleRange([...prefix, options.since]).gte };
    if (options.cursor !== undefined) {
      if (typeof options.cursor !== "string" || options.cursor === "")
        throw invalid("cursor is not valid", { field: "cursor" });
      const after = Buffer.from(options.cursor, "base64url").toString("utf8");
      if (!after.startsWith(range.gte))
        throw invalid("cursor does not belong to this listing", { field: "cursor" });
      lower = { gt: after };
    }
    const artifacts: ArtifactInfo[] = [];
    let lastKey: string | undefined;
    let more = false;
    for await (const [indexKey] of this.#store.scan({
      ...lower,
      ...(range.lt ? { lt: range.lt } : {}),
    })) {
      if (artifacts.length === limit) {
        more = true;
        break;
      }
      lastKey = indexKey;
      const artifactId = decodeTuple(indexKey).at(-1) as string;
      const info = await this.stat(artifactId);
      // A missing record is an index entry a crashed delete left behind: skip it.
      if (info === undefined) continue;
      if (options.contentType !== undefined && info.contentType !== options.contentType) continue;
      artifacts.push(info);
    }
    return more && lastKey !== undefined
      ? { artifacts, nextCursor: encodeCursor(lastKey) }
      : { artifacts };
  }

  /** Totals over this tenant's artifacts and stored content (reads records, not chunk data). */
  async stats(): Promise<ArtifactStats> {
    let artifacts = 0;
    let logicalBytes = 0;
    let storedBytes = 0;
    for await (const [key, value] of this.#store.scan(ARTIFACTS)) {
      artifacts++;
      logicalBytes += artifactCodec.decode(value, key).size;
    }
    for await (const [key, value] of this.#store.scan(CONTENTS)) {
      storedBytes += contentCodec.decode(value, key).storedBytes;
    }
    return {
      artifacts,
      logicalBytes,
      storedBytes,
      dedupRatio: storedBytes === 0 ? 1 : logicalBytes / storedBytes,
    };
  }
}
