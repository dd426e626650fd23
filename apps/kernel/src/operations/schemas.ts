/**
 * Schema fragments every component's operation definitions share, so that ids, times, pages,
 * cursors, limits and JSON values read the same in every input, in the OpenAPI document and
 * in every MCP tool. The bounds are core's (`MAX_ID_BYTES`, `MAX_TIMESTAMP_MS`,
 * `MAX_JSON_DEPTH`, the cursor length): the schema refuses what the component would refuse,
 * before the handler runs, and says so in the JSON Schema.
 *
 * Output schemas must be identity codecs (what the handler returns is already its JSON):
 * the HTTP layer writes results with `JSON.stringify`. Transformations such as base64 belong
 * in input schemas only; a handler converts its result itself.
 *
 * Unknown fields: Effect refuses them at decode time, not in the schema, so every decode of an
 * operation's input goes through `INPUT_PARSE_OPTIONS` and every JSON Schema generation
 * through `JSON_SCHEMA_OPTIONS` (see `codec.ts`, which does both).
 */
import {
  MAX_ID_BYTES,
  MAX_JSON_DEPTH,
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
  StorageError,
  utf8Length,
} from "@mnemo/core";
import { Schema, SchemaTransformation } from "effect";

/** Decode options for operation inputs: unknown fields (and a top-level `__proto__`) refused. */
export const INPUT_PARSE_OPTIONS = { onExcessProperty: "error", errors: "all" } as const;
/** JSON Schema options matching `INPUT_PARSE_OPTIONS`: objects say `additionalProperties: false`. */
export const JSON_SCHEMA_OPTIONS = { onExcessProperty: "error" } as const;

/** The longest cursor a component hands out (core's `decodeCursor` refuses longer ones). */
export const MAX_CURSOR_LENGTH = 2048;
/** Default and maximum `limit` of the convention, unless a component documents others. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const wellFormedId = Schema.makeFilter<string>(
  (text) =>
    !text.isWellFormed() || text.includes("\0")
      ? "must not contain U+0000 or a lone surrogate"
      : utf8Length(text, MAX_ID_BYTES) > MAX_ID_BYTES
        ? `must be at most ${MAX_ID_BYTES} UTF-8 bytes`
        : undefined,
  { expected: `an id of at most ${MAX_ID_BYTES} UTF-8 bytes, without U+0000` },
);

/** An id, name or type (core's `requireId`): non-empty, at most 256 UTF-8 bytes, no U+0000. */
export const Id = Schema.String.check(
  wellFormedId,
  Schema.isMinLength(1),
  Schema.isMaxLength(MAX_ID_BYTES),
);

/** `Id` with a description for the field it names. */
export function id(description: string) {
  return Id.annotate({ description });
}

/** A string of `1..max` UTF-16 code units (text a component stores, names, queries). */
export function text(max: number, description: string) {
  return Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(max)).annotate({
    description,
  });
}

/** A string of `0..max` UTF-16 code units. */
export function anyText(max: number, description: string) {
  return Schema.String.check(Schema.isMaxLength(max)).annotate({ description });
}

/** An integer in `min..max`. */
export function int(min: number, max: number, description: string) {
  return Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max })).annotate({
    description,
  });
}

/** A finite number in `min..max`. */
export function finite(min: number, max: number, description: string) {
  return Schema.Finite.check(Schema.isBetween({ minimum: min, maximum: max })).annotate({
    description,
  });
}

/** A finite number `>= 0` (core's `requireNonNegative`): measured durations, amounts. */
export function nonNegative(description: string) {
  return Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)).annotate({ description });
}

/** Epoch milliseconds (core's `requireTimestamp`): an integer from the epoch to year 9999. */
export const Timestamp = Schema.Int.check(
  Schema.isBetween({ minimum: MIN_TIMESTAMP_MS, maximum: MAX_TIMESTAMP_MS }),
).annotate({ description: "Epoch milliseconds (UTC), from 1970 to the end of year 9999." });

export function timestamp(description: string) {
  return Timestamp.annotate({ description: `${description} Epoch milliseconds (UTC).` });
}

/** A duration or TTL in whole milliseconds (core's `requireDuration`). */
export function duration(description: string, min = 0) {
  return Schema.Int.check(Schema.isBetween({ minimum: min, maximum: MAX_TIMESTAMP_MS })).annotate({
    description: `${description} Whole milliseconds.`,
  });
}

/** An opaque page cursor: a page's `nextCursor`, passed back unchanged. */
export const Cursor = Schema.String.check(
  Schema.isMinLength(1),
  Schema.isMaxLength(MAX_CURSOR_LENGTH),
).annotate({
  description:
    "Opaque: the nextCursor of the previous page of this listing, with the same filters.",
});

/** A blake3 content hash: 64 lowercase hex characters (artifacts, session links). */
export const Blake3Hash = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{64}$/),
  Schema.isMaxLength(64),
).annotate({ description: "blake3 of the content: 64 lowercase hex characters." });

/** A page size for one listing: `1..max`, `fallback` when absent. */
export function limit(fallback = DEFAULT_LIMIT, max = MAX_LIMIT) {
  return Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: max })).annotate({
    description: `How many items at most this page holds (1..${max}, default ${fallback}).`,
  });
}

/** The `cursor` and `limit` fields every listing input has. */
export function pageFields(fallback = DEFAULT_LIMIT, max = MAX_LIMIT) {
  return {
    cursor: Schema.optionalKey(Cursor),
    limit: Schema.optionalKey(limit(fallback, max)),
  };
}

/** One page of a listing (core's `Page`): `nextCursor` is present exactly when there may be more. */
export function page<S extends Schema.Top>(item: S) {
  return Schema.Struct({
    items: Schema.Array(item),
    nextCursor: Schema.optionalKey(Cursor),
  });
}

/** Walks a decoded JSON value without recursion: depth and `__proto__` keys. */
function jsonShapeIssue(value: unknown, maxDepth: number): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= maxDepth) return `must be nested at most ${maxDepth} levels`;
    const object = item.value as Record<string, unknown>;
    const keys = Array.isArray(object) ? undefined : Object.keys(object);
    if (keys?.includes("__proto__")) return 'must not have a key named "__proto__"';
    for (const child of keys === undefined
      ? (object as unknown as unknown[])
      : keys.map((k) => object[k])) {
      stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return undefined;
}

function jsonShape<T>(maxDepth: number) {
  return Schema.makeFilter<T>((value) => jsonShapeIssue(value, maxDepth), {
    expected: `plain JSON nested at most ${maxDepth} levels, without a "__proto__" key`,
  });
}

/**
 * Any plain JSON value (core's `toJson`): finite numbers, at most `maxDepth` (64) levels of
 * nesting, no `__proto__` key. Custom checks come before standard ones and descriptions sit
 * on the base schema: the JSON Schema keeps only the last check's annotations.
 */
export function json(description: string, maxDepth = MAX_JSON_DEPTH): Schema.Codec<unknown> {
  return Schema.Json.annotate({ description }).check(jsonShape<Schema.Json>(maxDepth));
}
export const JsonValue = json("Any JSON value.");

/** A JSON object (metadata, properties, state), with the same bounds as `JsonValue`. */
export function jsonObject(
  description: string,
  maxDepth = MAX_JSON_DEPTH,
): Schema.Codec<Readonly<Record<string, unknown>>> {
  return Schema.JsonObject.annotate({ description }).check(jsonShape<Schema.JsonObject>(maxDepth));
}
export const JsonObject = jsonObject("A JSON object.");

/**
 * A JSON object sent as JSON text, where only a string fits (a query string beside a binary
 * body), at most `maxLength` characters of text.
 */
export function jsonObjectText(description: string, maxLength: number) {
  return Schema.String.check(Schema.isMaxLength(maxLength))
    .annotate({ description: `${description} As JSON text.` })
    .pipe(
      Schema.decodeTo(
        jsonObject(description),
        // Sound: the parsed value is then decoded (checked) by the object schema.
        SchemaTransformation.fromJsonString() as SchemaTransformation.Transformation<
          Readonly<Record<string, unknown>>,
          string
        >,
      ),
    );
}

/** Standard base64 (RFC 4648, padded), strictly: Node's decoder silently skips other characters. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const isBase64 = (value: unknown): value is string =>
  typeof value === "string" && BASE64.test(value);

/** Bytes carried in JSON as base64 text, at most `maxBytes` once decoded. */
export function base64Text(description: string, maxBytes: number) {
  return Schema.String.check(
    Schema.makeFilter<string>((text) => (isBase64(text) ? undefined : "must be standard base64")),
    Schema.isMaxLength(Math.ceil(maxBytes / 3) * 4),
  ).annotate({ description: `${description} Standard base64.` });
}

/**
 * The input of an operation that takes none: exactly `{}`. (An empty `Struct` would accept
 * any non-null value, arrays and strings included.)
 */
export const NoInput = Schema.Record(Schema.String, Schema.Never);

/** The result of a delete-style operation: whether something was deleted. */
export const Deleted = Schema.Struct({
  deleted: Schema.Boolean.annotate({ description: "Whether something was there and is gone." }),
});

/** The result of a bulk delete (retention, sweeps): how many were deleted. */
export const DeletedCount = Schema.Struct({
  deleted: Schema.Int.annotate({ description: "How many were deleted." }),
});

/** An operation's result when it has nothing to say beyond success. */
export const Done = Schema.Struct({ ok: Schema.Literal(true) });
export const DONE = { ok: true } as const;

/**
 * A read that found nothing is `NOT_FOUND` over the wire (HTTP 404), where the component's
 * method returns `undefined` (the convention); `what` names the thing for the message.
 */
export function found<T>(value: T | undefined, what: string, key: string): T {
  if (value === undefined) {
    throw new StorageError("NOT_FOUND", `${what} ${JSON.stringify(key)} not found`, {
      details: { field: "id" },
    });
  }
  return value;
}
