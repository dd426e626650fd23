/**
 * Vector embeddings: collections of vectors with metadata, searched by an HNSW index.
 *
 * `VectorStore` keeps every collection it opened (its HNSW index loaded from the snapshot and
 * the log) until it is closed. The kernel builds one store per tenant and backend generation
 * and reuses it for every call, so `create` is only a constructor and an index is loaded once;
 * `close` writes the last snapshots when that generation is retired.
 */
import {
  MAX_DIMENSION,
  MAX_EF,
  MAX_FILTER_FIELDS,
  MAX_FILTER_VALUES,
  MAX_K,
  MAX_UPSERT_ITEMS,
  VectorStore,
} from "@mnemo/vector";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  Deleted,
  DONE,
  Done,
  finite,
  found,
  id,
  int,
  jsonObject,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const Name = id("The collection's name.");
const VectorId = id("The vector's id, unique in its collection.");
const Metric = Schema.Literals(["cosine", "l2", "ip"]).annotate({
  description: "cosine similarity or inner product (higher is better), or l2 distance (lower).",
});
const Vector = Schema.Array(Schema.Finite)
  .check(Schema.isMinLength(1), Schema.isMaxLength(MAX_DIMENSION))
  .annotate({ description: "Exactly the collection's dimension of finite numbers." });
const Metadata = Schema.NullOr(jsonObject("Free JSON about the vector (at most 64 KiB)."));
const Count = int(0, Number.MAX_SAFE_INTEGER, "A count.");
const Force = { force: Schema.optionalKey(Schema.Boolean) };

const CollectionInfo = Schema.Struct({
  name: Name,
  dimension: int(1, MAX_DIMENSION, "Numbers per vector."),
  metric: Metric,
  M: int(2, 256, "HNSW links per node."),
  efConstruction: int(1, 10_000, "HNSW build breadth."),
  createdAt: timestamp("When the collection was created."),
});

const Scalar = Schema.Union([
  text(65_536, "A string to match."),
  Schema.Finite,
  Schema.Boolean,
  Schema.Null,
]);
const Filter = Schema.Record(
  text(256, "A top-level metadata field."),
  Schema.Union([
    Scalar,
    Schema.Struct({ in: Schema.Array(Scalar).check(Schema.isMaxLength(MAX_FILTER_VALUES)) }),
  ]),
)
  .check(Schema.isMaxProperties(MAX_FILTER_FIELDS))
  .annotate({
    description:
      'Top-level metadata fields that must all match: each equal to a scalar ({ "lang": "en" }) or one of a list ({ "lang": { "in": ["en", "fr"] } }).',
  });

const collectionPath = "/vector/collections/{name}";
const vectorPath = `${collectionPath}/vectors/{id}`;

/** The component's collection by name: `NOT_FOUND` when there is none. */
const open = (vectors: VectorStore, name: string) => vectors.collection(name);

const createCollection = defineOperation({
  name: "vectorEmbeddings.createCollection",
  component: "vector_embeddings",
  summary: "Create (or open) a vector collection",
  description:
    "Creates a collection of vectors of one dimension (1..65,536) compared by a metric (cosine, l2, ip), with optional HNSW settings. Creating an existing collection with the same settings just returns it; other settings are FAILED_PRECONDITION. Returns the collection's info.",
  scope: "write",
  http: { method: "POST", path: "/vector/collections" },
  input: Schema.Struct({
    name: Name,
    dimension: int(1, MAX_DIMENSION, "Numbers per vector, e.g. 384, 768, 1536, 3072."),
    metric: Metric,
    M: Schema.optionalKey(int(2, 256, "HNSW links per node (default 16).")),
    efConstruction: Schema.optionalKey(int(1, 10_000, "HNSW build breadth (default 128).")),
  }),
  output: CollectionInfo,
  handler: async (vectors: VectorStore, { name, ...settings }) =>
    (await vectors.createCollection(name, settings)).info(),
});

const getCollection = defineOperation({
  name: "vectorEmbeddings.getCollection",
  component: "vector_embeddings",
  summary: "Get a collection's settings",
  description:
    "Reads a collection's dimension, metric, HNSW settings and creation time. NOT_FOUND when there is no such collection.",
  scope: "read",
  http: { method: "GET", path: collectionPath },
  input: Schema.Struct({ name: Name }),
  output: CollectionInfo,
  handler: async (vectors: VectorStore, { name }) => (await open(vectors, name)).info(),
});

const listCollections = defineOperation({
  name: "vectorEmbeddings.listCollections",
  component: "vector_embeddings",
  summary: "List vector collections",
  description: "Pages through the tenant's vector collections in name order, with their settings.",
  scope: "read",
  http: { method: "GET", path: "/vector/collections" },
  input: Schema.Struct(pageFields()),
  output: page(CollectionInfo),
  handler: (vectors: VectorStore, options) => vectors.listCollections(options),
});

const dropCollection = defineOperation({
  name: "vectorEmbeddings.dropCollection",
  component: "vector_embeddings",
  summary: "Drop a collection and its vectors",
  description: "Deletes a collection with all its vectors and index. Returns whether it existed.",
  scope: "write",
  http: { method: "DELETE", path: collectionPath },
  input: Schema.Struct({ name: Name }),
  output: Deleted,
  handler: async (vectors: VectorStore, { name }) => ({
    deleted: await vectors.dropCollection(name),
  }),
});

const upsert = defineOperation({
  name: "vectorEmbeddings.upsert",
  component: "vector_embeddings",
  summary: "Store or replace one vector",
  description:
    "Stores a vector (exactly the collection's dimension of numbers; not all zero under cosine) under an id, with optional metadata to filter searches on, replacing what the id held. It is searchable as soon as this returns.",
  scope: "write",
  http: { method: "PUT", path: vectorPath },
  input: Schema.Struct({
    name: Name,
    id: VectorId,
    vector: Vector,
    metadata: Schema.optionalKey(Metadata),
  }),
  output: Done,
  handler: async (vectors: VectorStore, input) => {
    await (await open(vectors, input.name)).upsert(input.id, input.vector, input.metadata);
    return DONE;
  },
});

const upsertMany = defineOperation({
  name: "vectorEmbeddings.upsertMany",
  component: "vector_embeddings",
  summary: "Store or replace up to 10,000 vectors",
  description:
    "Stores up to 10,000 vectors ({ id, vector, metadata? } each) in one call, replacing what their ids held. Returns { count } stored.",
  scope: "write",
  http: { method: "POST", path: `${collectionPath}/vectors` },
  input: Schema.Struct({
    name: Name,
    items: Schema.Array(
      Schema.Struct({ id: VectorId, vector: Vector, metadata: Schema.optionalKey(Metadata) }),
    ).check(Schema.isMinLength(1), Schema.isMaxLength(MAX_UPSERT_ITEMS)),
  }),
  output: Schema.Struct({ count: Count }),
  handler: async (vectors: VectorStore, { name, items }) => {
    await (await open(vectors, name)).upsertMany(items);
    return { count: items.length };
  },
});

const get = defineOperation({
  name: "vectorEmbeddings.get",
  component: "vector_embeddings",
  summary: "Get a vector by id",
  description: "Reads a stored vector with its metadata. NOT_FOUND when the id holds none.",
  scope: "read",
  http: { method: "GET", path: vectorPath },
  input: Schema.Struct({ name: Name, id: VectorId }),
  output: Schema.Struct({ id: VectorId, vector: Schema.Array(Schema.Finite), metadata: Metadata }),
  handler: async (vectors: VectorStore, input) =>
    found(await (await open(vectors, input.name)).get(input.id), "vector", input.id),
});

const remove = defineOperation({
  name: "vectorEmbeddings.delete",
  component: "vector_embeddings",
  summary: "Delete a vector",
  description: "Deletes a vector from its collection and index. Returns whether it was stored.",
  scope: "write",
  http: { method: "DELETE", path: vectorPath },
  input: Schema.Struct({ name: Name, id: VectorId }),
  output: Deleted,
  handler: async (vectors: VectorStore, input) => ({
    deleted: await (await open(vectors, input.name)).delete(input.id),
  }),
});

const list = defineOperation({
  name: "vectorEmbeddings.list",
  component: "vector_embeddings",
  summary: "List a collection's vector ids",
  description:
    "Pages through the ids (with metadata, without vectors) of a collection, in id order.",
  scope: "read",
  http: { method: "GET", path: `${collectionPath}/vectors` },
  input: Schema.Struct({ name: Name, ...pageFields() }),
  output: page(Schema.Struct({ id: VectorId, metadata: Metadata })),
  handler: async (vectors: VectorStore, { name, ...options }) =>
    (await open(vectors, name)).list(options),
});

const count = defineOperation({
  name: "vectorEmbeddings.count",
  component: "vector_embeddings",
  summary: "Count a collection's vectors",
  description: "Returns { count }: how many vectors the collection holds right now.",
  scope: "read",
  http: { method: "GET", path: `${collectionPath}/count` },
  input: Schema.Struct({ name: Name }),
  output: Schema.Struct({ count: Count }),
  handler: async (vectors: VectorStore, { name }) => ({
    count: await (await open(vectors, name)).count(),
  }),
});

const search = defineOperation({
  name: "vectorEmbeddings.search",
  component: "vector_embeddings",
  summary: "Nearest vectors to a query vector",
  description:
    "Finds the k stored vectors nearest a query vector (HNSW; exact: true for a brute-force scan), optionally only those whose metadata matches a filter. consistency latest (default) sees every write acknowledged before the search, in any process. Returns { items: [{ id, score, metadata }] }, best first.",
  scope: "read",
  http: { method: "POST", path: `${collectionPath}/search` },
  input: Schema.Struct({
    name: Name,
    vector: Vector,
    k: int(1, MAX_K, "How many results at most."),
    filter: Schema.optionalKey(Filter),
    ef: Schema.optionalKey(int(1, MAX_EF, "HNSW search breadth (default: calibrated).")),
    exact: Schema.optionalKey(Schema.Boolean),
    targetRecall: Schema.optionalKey(
      Schema.Finite.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(1)).annotate({
        description: "The recall the search aims at, in (0, 1].",
      }),
    ),
    consistency: Schema.optionalKey(Schema.Literals(["latest", "local"])),
  }),
  output: Schema.Struct({
    items: Schema.Array(Schema.Struct({ id: VectorId, score: Schema.Finite, metadata: Metadata })),
  }),
  handler: async (vectors: VectorStore, { name, vector, ...options }) => ({
    items: await (await open(vectors, name)).search(vector, options),
  }),
});

const calibrate = defineOperation({
  name: "vectorEmbeddings.calibrate",
  component: "vector_embeddings",
  summary: "Measure recall against ef and pick the default ef",
  description:
    "An operator's tuning call: measures the index's recall at several ef values against exact search and stores the ef that reaches the recall target (skipped under 100 vectors unless force). Returns the calibration, or { calibration: null } when skipped.",
  scope: "admin",
  http: { method: "POST", path: `${collectionPath}/calibrate` },
  input: Schema.Struct({ name: Name, ...Force }),
  output: Schema.Struct({
    calibration: Schema.NullOr(
      Schema.Struct({
        count: Count,
        defaultEf: int(1, MAX_EF, "The ef searches use by default."),
        target: finite(0, 1, "The recall aimed at."),
        points: Schema.Array(
          Schema.Struct({ ef: int(1, MAX_EF, "ef."), recall: finite(0, 1, "Recall.") }),
        ),
        at: timestamp("When it was measured."),
      }),
    ),
  }),
  handler: async (vectors: VectorStore, { name, ...options }) => ({
    calibration: (await (await open(vectors, name)).calibrate(options)) ?? null,
  }),
});

const compact = defineOperation({
  name: "vectorEmbeddings.compact",
  component: "vector_embeddings",
  summary: "Rebuild the index without deleted slots",
  description:
    "An operator's maintenance call: rebuilds this process's index of the collection when enough of it is deleted slots (or always with force). Returns { rebuilt }.",
  scope: "admin",
  http: { method: "POST", path: `${collectionPath}/compact` },
  input: Schema.Struct({ name: Name, ...Force }),
  output: Schema.Struct({ rebuilt: Schema.Boolean }),
  handler: async (vectors: VectorStore, { name, ...options }) => ({
    rebuilt: await (await open(vectors, name)).compact(options),
  }),
});

const snapshot = defineOperation({
  name: "vectorEmbeddings.snapshot",
  component: "vector_embeddings",
  summary: "Persist the collection's index now",
  description:
    "An operator's call: writes a snapshot of the collection's index so the next open replays less of the log. Returns { written }: false when nothing is new or another process holds the snapshot lease.",
  scope: "admin",
  http: { method: "POST", path: `${collectionPath}/snapshot` },
  input: Schema.Struct({ name: Name }),
  output: Schema.Struct({ written: Schema.Boolean }),
  handler: async (vectors: VectorStore, { name }) => ({
    written: await (await open(vectors, name)).snapshot(),
  }),
});

const deletedFraction = defineOperation({
  name: "vectorEmbeddings.deletedFraction",
  component: "vector_embeddings",
  summary: "Share of deleted slots in the index",
  description:
    "Returns { fraction }: deleted slots over nodes of this process's index of the collection; compact rebuilds it when this grows.",
  scope: "read",
  http: { method: "GET", path: `${collectionPath}/deleted-fraction` },
  input: Schema.Struct({ name: Name }),
  output: Schema.Struct({ fraction: finite(0, 1, "Deleted slots / nodes.") }),
  handler: async (vectors: VectorStore, { name }) => ({
    fraction: (await open(vectors, name)).deletedFraction(),
  }),
});

export const vectorEmbeddings = defineComponent({
  key: "vector_embeddings",
  namespace: "vector",
  create: (store) => new VectorStore(store),
  close: (vectors) => vectors.close(),
  operations: [
    createCollection,
    getCollection,
    listCollections,
    dropCollection,
    upsert,
    upsertMany,
    get,
    remove,
    list,
    count,
    search,
    calibrate,
    compact,
    snapshot,
    deletedFraction,
  ],
});
