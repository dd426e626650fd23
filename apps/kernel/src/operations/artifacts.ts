/**
 * Artifacts: content-addressed blobs (blake3), deduplicated per tenant, streamed in chunks,
 * verified on read. Upload and download are raw bytes (`application/octet-stream`), never
 * base64: the kernel streams them through and holds about one chunk at a time.
 */
import {
  ARTIFACT_KINDS,
  ArtifactStore,
  COMPRESSIONS,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_METADATA_BYTES,
  MAX_NAME_BYTES,
} from "@mnemo/artifacts";
import { StorageError } from "@mnemo/core";
import { Schema } from "effect";
import type { BinaryBody, BinaryResult } from "./define.js";
import { defineComponent, defineOperation } from "./define.js";
import {
  Blake3Hash,
  base64Text,
  Deleted,
  found,
  id,
  int,
  jsonObject,
  jsonObjectText,
  NoInput,
  nonNegative,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

const ArtifactId = id("The artifact's id, as put returned it.");
const Hash = Blake3Hash;
const Kind = Schema.Literals(ARTIFACT_KINDS);
const ContentType = text(256, "A MIME type, e.g. image/png (at most 256 bytes).");
const Metadata = jsonObject("Free JSON about the artifact (at most 64 KiB).");
const Bytes = int(0, Number.MAX_SAFE_INTEGER, "Bytes.");
const Count = int(0, Number.MAX_SAFE_INTEGER, "A count.");

const ArtifactInfo = Schema.Struct({
  artifactId: ArtifactId,
  hash: Hash,
  size: Bytes,
  contentType: ContentType,
  kind: Kind,
  name: Schema.optionalKey(Schema.String),
  metadata: Schema.optionalKey(Metadata),
  createdAt: timestamp("When it was stored."),
});

const Name = text(MAX_NAME_BYTES, "A file name (at most 1,024 UTF-8 bytes).");
const Compress = Schema.Literals(COMPRESSIONS).annotate({
  description: "none (default), gzip or brotli; chunks that do not shrink stay raw.",
});
const PutResult = Schema.Struct({
  artifactId: ArtifactId,
  hash: Hash,
  size: Bytes,
  deduplicated: Schema.Boolean,
});

const put = defineOperation({
  name: "artifacts.put",
  component: "artifacts",
  summary: "Upload an artifact (raw bytes in the body)",
  description:
    "Stores a blob sent as the raw request body (application/octet-stream, streamed), with its kind, MIME type (default: the request's Content-Type), optional name, metadata (JSON text in the query string) and compression. Identical content is stored once per tenant. Returns { artifactId, hash, size, deduplicated }.",
  scope: "write",
  http: { method: "POST", path: "/artifacts/items" },
  body: "binary",
  mcp: false,
  input: Schema.Struct({
    kind: Kind,
    contentType: Schema.optionalKey(ContentType),
    name: Schema.optionalKey(Name),
    metadata: Schema.optionalKey(
      jsonObjectText("Free JSON about the artifact (at most 64 KiB).", MAX_METADATA_BYTES),
    ),
    compress: Schema.optionalKey(Compress),
  }),
  output: PutResult,
  handler: (artifacts: ArtifactStore, { contentType, ...options }, _ctx, body?: BinaryBody) => {
    if (body === undefined) {
      throw new StorageError("INVALID_ARGUMENT", "artifacts.put needs the content as the body", {
        details: { field: "body" },
      });
    }
    return artifacts.put(body.stream, {
      ...options,
      contentType: contentType ?? body.contentType ?? DEFAULT_CONTENT_TYPE,
    });
  },
});

/** Largest content the base64 variants carry: for MCP tools and small files, not bulk data. */
const MAX_INLINE_BYTES = 1024 * 1024;

const putBase64 = defineOperation({
  name: "artifacts.putBase64",
  component: "artifacts",
  summary: "Upload a small artifact as base64 JSON",
  description:
    "Stores a blob of at most 1 MiB given as base64 in JSON (for tool calls; larger content goes through artifacts.put as raw bytes), with its kind, MIME type (default application/octet-stream), optional name, metadata and compression. Identical content is stored once per tenant. Returns { artifactId, hash, size, deduplicated }.",
  scope: "write",
  http: { method: "POST", path: "/artifacts/items/base64" },
  input: Schema.Struct({
    data: base64Text("The content.", MAX_INLINE_BYTES),
    kind: Kind,
    contentType: Schema.optionalKey(ContentType),
    name: Schema.optionalKey(Name),
    metadata: Schema.optionalKey(Metadata),
    compress: Schema.optionalKey(Compress),
  }),
  output: PutResult,
  handler: (artifacts: ArtifactStore, { data, contentType, ...options }) =>
    artifacts.put(Buffer.from(data, "base64"), {
      ...options,
      contentType: contentType ?? DEFAULT_CONTENT_TYPE,
    }),
});

const getBase64 = defineOperation({
  name: "artifacts.getBase64",
  component: "artifacts",
  summary: "Download a small artifact as base64 JSON",
  description:
    "Reads an artifact of at most 1 MiB with its metadata and its content as base64 in JSON (for tool calls; larger ones are VALUE_TOO_LARGE: use artifacts.get for raw bytes). The content is verified against its hash. NOT_FOUND for an unknown id.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/items/{artifactId}/base64" },
  input: Schema.Struct({ artifactId: ArtifactId }),
  output: Schema.Struct({ ...ArtifactInfo.fields, data: Schema.String }),
  handler: async (artifacts: ArtifactStore, { artifactId }) => {
    const info = found(await artifacts.stat(artifactId), "artifact", artifactId);
    if (info.size > MAX_INLINE_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `artifact ${JSON.stringify(artifactId)} is ${info.size} bytes; base64 carries at most ${MAX_INLINE_BYTES}: use artifacts.get`,
        { details: { field: "artifactId", limit: MAX_INLINE_BYTES } },
      );
    }
    const bytes = await artifacts.get(artifactId);
    return { ...info, data: Buffer.from(bytes).toString("base64") };
  },
});

const get = defineOperation({
  name: "artifacts.get",
  component: "artifacts",
  summary: "Download an artifact's content (raw bytes)",
  description:
    "Streams an artifact's content as raw bytes with its MIME type and length; every chunk is verified against its hash before it is sent. NOT_FOUND for an unknown id.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/items/{artifactId}/content" },
  response: "binary",
  mcp: false,
  input: Schema.Struct({ artifactId: ArtifactId }),
  output: ArtifactInfo,
  handler: async (artifacts: ArtifactStore, { artifactId }): Promise<BinaryResult> => {
    const info = found(await artifacts.stat(artifactId), "artifact", artifactId);
    const stream = await artifacts.getStream(artifactId);
    return { kind: "binary", contentType: info.contentType, length: info.size, stream };
  },
});

const stat = defineOperation({
  name: "artifacts.stat",
  component: "artifacts",
  summary: "Get an artifact's metadata",
  description:
    "Reads what is known about an artifact without its content: hash, size, MIME type, kind, name, metadata, creation time. NOT_FOUND for an unknown id.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/items/{artifactId}" },
  input: Schema.Struct({ artifactId: ArtifactId }),
  output: ArtifactInfo,
  handler: async (artifacts: ArtifactStore, { artifactId }) =>
    found(await artifacts.stat(artifactId), "artifact", artifactId),
});

const list = defineOperation({
  name: "artifacts.list",
  component: "artifacts",
  summary: "List artifacts",
  description:
    "Pages through artifacts oldest first, optionally of one kind, one MIME type, or created since a time. Returns their metadata, not their content.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/items" },
  input: Schema.Struct({
    kind: Schema.optionalKey(Kind),
    contentType: Schema.optionalKey(ContentType),
    since: Schema.optionalKey(timestamp("Only artifacts created at or after this time.")),
    ...pageFields(DEFAULT_LIMIT, MAX_LIMIT),
  }),
  output: page(ArtifactInfo),
  handler: (artifacts: ArtifactStore, options) => artifacts.list(options),
});

const listContents = defineOperation({
  name: "artifacts.listContents",
  component: "artifacts",
  summary: "List stored contents with reference counts",
  description:
    "Pages through the distinct contents stored, in hash order, with their size, bytes stored (after compression) and how many artifacts reference each.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/contents" },
  input: Schema.Struct(pageFields(DEFAULT_LIMIT, MAX_LIMIT)),
  output: page(Schema.Struct({ hash: Hash, size: Bytes, storedBytes: Bytes, references: Count })),
  handler: (artifacts: ArtifactStore, options) => artifacts.listContents(options),
});

const remove = defineOperation({
  name: "artifacts.delete",
  component: "artifacts",
  summary: "Delete an artifact",
  description:
    "Deletes an artifact; its content goes when no other artifact references it. Returns whether it existed.",
  scope: "write",
  http: { method: "DELETE", path: "/artifacts/items/{artifactId}" },
  input: Schema.Struct({ artifactId: ArtifactId }),
  output: Deleted,
  handler: async (artifacts: ArtifactStore, { artifactId }) => ({
    deleted: await artifacts.delete(artifactId),
  }),
});

const hasContent = defineOperation({
  name: "artifacts.hasContent",
  component: "artifacts",
  summary: "Whether a content hash is stored",
  description:
    "Returns { exists }: whether content with this blake3 hash is stored for the tenant. Use it to skip uploading what is already there.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/contents/{hash}" },
  input: Schema.Struct({ hash: Hash }),
  output: Schema.Struct({ exists: Schema.Boolean }),
  handler: async (artifacts: ArtifactStore, { hash }) => ({
    exists: await artifacts.hasContent(hash),
  }),
});

const gc = defineOperation({
  name: "artifacts.gc",
  component: "artifacts",
  summary: "Reclaim unreferenced contents and abandoned uploads",
  description:
    "An operator's sweep: removes contents no artifact references and uploads abandoned for over an hour, and corrects reference counts. Returns how many contents, chunks, bytes, uploads and references it removed or corrected.",
  scope: "admin",
  http: { method: "POST", path: "/artifacts/gc" },
  input: NoInput,
  output: Schema.Struct({
    contents: Count,
    chunks: Count,
    bytes: Bytes,
    uploads: Count,
    references: Count,
  }),
  handler: (artifacts: ArtifactStore) => artifacts.gc(),
});

const stats = defineOperation({
  name: "artifacts.stats",
  component: "artifacts",
  summary: "Artifact counts and deduplication ratio",
  description:
    "Returns { artifacts, logicalBytes, storedBytes, dedupRatio } for the tenant. Reads every record: for occasional use.",
  scope: "read",
  http: { method: "GET", path: "/artifacts/stats" },
  input: NoInput,
  output: Schema.Struct({
    artifacts: Count,
    logicalBytes: Bytes,
    storedBytes: Bytes,
    dedupRatio: nonNegative("logicalBytes / storedBytes."),
  }),
  handler: (artifacts: ArtifactStore) => artifacts.stats(),
});

export const artifacts = defineComponent({
  key: "artifacts",
  namespace: "artifacts",
  create: (store) => new ArtifactStore(store),
  operations: [
    put,
    putBase64,
    get,
    getBase64,
    stat,
    list,
    listContents,
    remove,
    hasContent,
    gc,
    stats,
  ],
});
