/**
 * Artifacts for MCP: every artifact is a resource `mnemo://artifacts/{artifactId}` (listed a
 * page at a time, read by URI), and `put_artifact` stores one from text or base64. All three
 * are operations of the artifacts component, so they run through the `Invoker` on the
 * session's tenant. MCP-only, like the graph tools.
 */

import { ARTIFACT_KINDS, type ArtifactInfo, type ArtifactStore } from "@mnemo/artifacts";
import { invalidArgument, StorageError } from "@mnemo/core";
import { Schema } from "effect";
import { defineOperation } from "../operations/define.js";

export const ARTIFACT_URI_PREFIX = "mnemo://artifacts/";
export const ARTIFACT_URI_TEMPLATE = `${ARTIFACT_URI_PREFIX}{artifactId}`;
/** Bytes one resource read or one put carries at most: MCP messages are JSON, held whole. */
export const MAX_MCP_ARTIFACT_BYTES = 8 * 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const artifactUri = (artifactId: string) =>
  `${ARTIFACT_URI_PREFIX}${encodeURIComponent(artifactId)}`;

/** The artifact id of a resource URI; `INVALID_ARGUMENT` for any other URI. */
export function artifactIdOf(uri: string): string {
  if (!uri.startsWith(ARTIFACT_URI_PREFIX) || uri.length === ARTIFACT_URI_PREFIX.length) {
    throw invalidArgument("uri", `not an artifact URI (${ARTIFACT_URI_TEMPLATE})`);
  }
  try {
    return decodeURIComponent(uri.slice(ARTIFACT_URI_PREFIX.length));
  } catch {
    throw invalidArgument("uri", "the artifact id is not valid percent-encoding");
  }
}

/** Content types whose bytes a client gets as text rather than base64. */
export function isTextual(contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/yaml" ||
    type === "application/javascript"
  );
}

const mcpOnly = (tool: string) => ({ method: "POST" as const, path: `/mcp/artifacts/${tool}` });

const Resource = Schema.Struct({
  uri: Schema.String,
  name: Schema.String,
  mimeType: Schema.String,
  size: Schema.Number,
});

const resourceOf = (info: ArtifactInfo) => ({
  uri: artifactUri(info.artifactId),
  name: info.name ?? info.artifactId,
  mimeType: info.contentType,
  size: info.size,
});

export const listArtifactResources = defineOperation({
  name: "artifacts.listResources",
  component: "artifacts",
  summary: "List artifacts as MCP resources",
  description: "Artifacts as MCP resources, oldest first, a page at a time.",
  scope: "read",
  http: mcpOnly("resources"),
  mcp: false,
  input: Schema.Struct({ cursor: Schema.optionalKey(Schema.String) }),
  output: Schema.Struct({
    resources: Schema.Array(Resource),
    nextCursor: Schema.optionalKey(Schema.String),
  }),
  handler: async (store: ArtifactStore, input) => {
    const page = await store.list(input.cursor === undefined ? {} : { cursor: input.cursor });
    return {
      resources: page.items.map(resourceOf),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  },
});

export const readArtifactResource = defineOperation({
  name: "artifacts.readResource",
  component: "artifacts",
  summary: "Read an artifact as an MCP resource",
  description: "An artifact's bytes as text (textual types) or base64.",
  scope: "read",
  http: mcpOnly("resource"),
  mcp: false,
  input: Schema.Struct({ uri: Schema.String }),
  output: Schema.Struct({
    uri: Schema.String,
    mimeType: Schema.String,
    text: Schema.optionalKey(Schema.String),
    blob: Schema.optionalKey(Schema.String),
  }),
  handler: async (store: ArtifactStore, input) => {
    const artifactId = artifactIdOf(input.uri);
    const info = await store.stat(artifactId);
    if (info === undefined) {
      throw new StorageError("NOT_FOUND", `no artifact ${JSON.stringify(artifactId)}`);
    }
    if (info.size > MAX_MCP_ARTIFACT_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `artifact ${JSON.stringify(artifactId)} has ${info.size} bytes; MCP reads at most ` +
          `${MAX_MCP_ARTIFACT_BYTES} (use the HTTP API to stream it)`,
      );
    }
    const bytes = await store.get(artifactId);
    const content = isTextual(info.contentType)
      ? { text: new TextDecoder("utf-8", { fatal: false }).decode(bytes) }
      : { blob: Buffer.from(bytes).toString("base64") };
    return { uri: artifactUri(artifactId), mimeType: info.contentType, ...content };
  },
});

export const putArtifact = defineOperation({
  name: "artifacts.putArtifact",
  component: "artifacts",
  summary: "Store an artifact",
  description:
    "Store a file you produced or were given (code, a document, an image, data) so it " +
    "outlives this conversation. Give text as it is, or binary content as base64. Identical " +
    "content is stored once. Returns its id, blake3 hash, size and the resource URI to read " +
    "it back.",
  scope: "write",
  http: mcpOnly("put_artifact"),
  input: Schema.Struct({
    content: Schema.String.annotate({ description: "The content: text, or base64 bytes" }),
    encoding: Schema.optionalKey(
      Schema.Literals(["utf8", "base64"]).annotate({
        description: "How content is written: utf8 (default) or base64",
      }),
    ),
    contentType: Schema.String.annotate({ description: "A MIME type such as text/markdown" }),
    kind: Schema.Literals(ARTIFACT_KINDS).annotate({
      description: "code, document, image, data or other",
    }),
    name: Schema.optionalKey(Schema.String.annotate({ description: "A file name to show" })),
    metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.Json)),
  }),
  output: Schema.Struct({
    artifactId: Schema.String,
    hash: Schema.String,
    size: Schema.Number,
    deduplicated: Schema.Boolean,
    uri: Schema.String,
  }),
  handler: async (store: ArtifactStore, input) => {
    if (input.encoding === "base64" && !BASE64.test(input.content)) {
      throw invalidArgument("content", "is not valid base64");
    }
    const bytes =
      input.encoding === "base64"
        ? new Uint8Array(Buffer.from(input.content, "base64"))
        : new TextEncoder().encode(input.content);
    if (bytes.byteLength > MAX_MCP_ARTIFACT_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `content: ${bytes.byteLength} bytes; MCP puts at most ${MAX_MCP_ARTIFACT_BYTES}`,
      );
    }
    const result = await store.put(bytes, {
      contentType: input.contentType,
      kind: input.kind,
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    });
    return { ...result, uri: artifactUri(result.artifactId) };
  },
});
