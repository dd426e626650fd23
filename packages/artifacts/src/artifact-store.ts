/**
 * A blake3 content-addressed blob store over a backend handle. The README describes the
 * keyspace and how references stay exact; each concern lives in its own module: `upload`
 * (streaming chunks in), `references` (the commits tying artifacts to content), `reader`
 * (verified reads), `listing` (pages), `gc` (reconciliation after crashes).
 */
import { constants } from "node:buffer";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  assertBlake3Hex,
  blake3Hex,
  clockNow,
  type Page,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import type {
  ArtifactContent,
  ArtifactInfo,
  ArtifactStats,
  ContentInfo,
  GcResult,
  ListOptions,
  PageOptions,
  PutOptions,
  PutResult,
} from "./artifact.js";
import type { Context } from "./context.js";
import { collectGarbage } from "./gc.js";
import {
  type ArtifactStoreOptions,
  type CheckedPut,
  readSettings,
  requireArtifactId,
  requireContent,
  requirePutOptions,
} from "./input.js";
import { ARTIFACTS, artifactKey, CONTENTS, contentKey } from "./keyspace.js";
import { listArtifacts, listContents } from "./listing.js";
import { openArtifact } from "./reader.js";
import { type ArtifactRecord, artifactCodec, contentCodec } from "./records.js";
import {
  commitUpload,
  freeIfUnreferenced,
  referenceStored,
  removeArtifact,
  UploadReclaimed,
} from "./references.js";
import { reclaimedError, upload } from "./upload.js";

/** Largest artifact `get()` returns whole: a JavaScript typed array's limit. */
const MAX_GET_BYTES = constants.MAX_LENGTH;

export class ArtifactStore {
  readonly #ctx: Context;

  constructor(store: StorageBackend, options?: ArtifactStoreOptions) {
    this.#ctx = { store, ...readSettings(options) };
  }

  #now(): number {
    return clockNow(this.#ctx.clock);
  }

  #record(hash: string, size: number, put: CheckedPut): ArtifactRecord {
    return {
      hash,
      size,
      contentType: put.contentType,
      kind: put.kind,
      ...(put.name === undefined ? {} : { name: put.name }),
      ...(put.metadata === undefined ? {} : { metadata: put.metadata }),
      createdAt: this.#now(),
    };
  }

  /** Stores content as a new artifact; content already stored is referenced, not copied. */
  async put(content: ArtifactContent, options: PutOptions): Promise<PutResult> {
    const checked = requirePutOptions(options);
    const source = requireContent(content);
    const artifactId = randomUUID();

    // Bytes in hand: hash them first, and a dedup hit costs one read and one commit.
    if (source instanceof Uint8Array) {
      const hash = blake3Hex(source);
      const record = this.#record(hash, source.byteLength, checked);
      if (await referenceStored(this.#ctx, artifactId, record)) {
        return { artifactId, hash, size: record.size, deduplicated: true };
      }
    }

    const uploaded = await upload(this.#ctx, source, checked.compress);
    const record = this.#record(uploaded.hash, uploaded.content.size, checked);
    try {
      const deduplicated = await commitUpload(
        this.#ctx,
        uploaded.generation,
        uploaded.version,
        uploaded.content,
        artifactId,
        record,
      );
      return { artifactId, hash: record.hash, size: record.size, deduplicated };
    } catch (error) {
      if (error instanceof UploadReclaimed) {
        throw reclaimedError(uploaded.generation, this.#ctx.graceMs);
      }
      throw error;
    }
  }

  /** Removes the artifact (true if it existed); its content goes with its last reference. */
  async delete(artifactId: string): Promise<boolean> {
    const id = requireArtifactId(artifactId);
    const removed = await removeArtifact(this.#ctx, id);
    if (removed === undefined) return false;
    await freeIfUnreferenced(this.#ctx, removed.hash);
    return true;
  }

  /**
   * Reclaims what crashed puts and deletes left (abandoned uploads past `uploadGraceMs`,
   * unreferenced content) and corrects reference counters that disagree with the artifacts.
   */
  gc(): Promise<GcResult> {
    return collectGarbage(this.#ctx);
  }

  async stat(artifactId: string): Promise<ArtifactInfo | undefined> {
    const id = requireArtifactId(artifactId);
    const key = artifactKey(id);
    const value = await this.#ctx.store.get(key);
    return value === undefined
      ? undefined
      : { artifactId: id, ...artifactCodec.decode(value, key) };
  }

  /** The whole content, verified. NOT_FOUND for an unknown artifact, CORRUPTED on a bad chunk. */
  async get(artifactId: string): Promise<Uint8Array> {
    const { record, chunks } = await openArtifact(this.#ctx, requireArtifactId(artifactId));
    if (record.size > MAX_GET_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `artifact ${artifactId} is ${record.size} bytes, more than get() can hold (${MAX_GET_BYTES}); use getStream()`,
        { details: { artifactId, size: record.size } },
      );
    }
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
    const { chunks } = await openArtifact(this.#ctx, requireArtifactId(artifactId));
    return Readable.from(chunks, { objectMode: false });
  }

  /** Whether this tenant stores content with this blake3 hash. */
  async hasContent(hash: string): Promise<boolean> {
    assertBlake3Hex(hash);
    return this.#ctx.store.exists(contentKey(hash));
  }

  /** A page of artifacts, oldest first, by time or filtered by kind and/or content type. */
  list(options?: ListOptions): Promise<Page<ArtifactInfo>> {
    return listArtifacts(this.#ctx, options);
  }

  /** A page of stored contents in hash order, with their reference counts. */
  listContents(options?: PageOptions): Promise<Page<ContentInfo>> {
    return listContents(this.#ctx, options);
  }

  /** Totals over this tenant's artifacts and stored content (reads records, not chunk data). */
  async stats(): Promise<ArtifactStats> {
    let artifacts = 0;
    let logicalBytes = 0;
    let storedBytes = 0;
    for await (const [key, value] of this.#ctx.store.scan(ARTIFACTS)) {
      artifacts++;
      logicalBytes += artifactCodec.decode(value, key).size;
    }
    for await (const [key, value] of this.#ctx.store.scan(CONTENTS)) {
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

export type { ArtifactStoreOptions };
