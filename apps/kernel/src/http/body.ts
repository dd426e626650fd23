/**
 * Request bodies. A JSON body over the limit is refused with 413 from its Content-Length
 * before a byte is read, or as soon as the bytes read pass the limit; a binary body is handed
 * on as a stream that is read only as fast as the component consumes it (backpressure) and
 * fails with VALUE_TOO_LARGE once it passes the upload limit.
 */
import type { IncomingMessage } from "node:http";
import { MAX_JSON_DEPTH, StorageError } from "@mnemo/core";
import type { BinaryBody } from "../operations/define.js";
import { HttpProblem } from "./problem.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  if (header === undefined) return undefined;
  const n = Number(header);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(
    "VALUE_TOO_LARGE",
    `the request body is larger than ${limit} bytes`,
    { limit },
    { connection: "close" },
  );
}

function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers["content-type"];
  if (header === undefined) return undefined;
  const semi = header.indexOf(";");
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/** Reads a JSON object body; an empty body is `{}`. */
export function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<Record<string, unknown>> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  if (declared === 0) return Promise.resolve({});
  const type = mediaType(req);
  if (type !== undefined && type !== "application/json" && !type.endsWith("+json")) {
    return Promise.reject(
      new HttpProblem(
        "UNSUPPORTED_MEDIA_TYPE",
        `expected application/json, got ${type.slice(0, 80)}`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
      failed = true;
    });
    req.on("end", () => {
      if (failed) return;
      if (size === 0) return resolve({});
      try {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
        let text: string;
        try {
          text = utf8.decode(bytes);
        } catch {
          throw new HttpProblem("INVALID_ARGUMENT", "the body is not valid UTF-8");
        }
        resolve(parseJsonObject(text));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem("INVALID_ARGUMENT", "the body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new HttpProblem("INVALID_ARGUMENT", "the body must be a JSON object");
  }
  checkDepth(value);
  return value as Record<string, unknown>;
}

/**
 * Refuses JSON nested deeper than core's limit (+1 for the body object itself) before a
 * recursive decoder could overflow the stack on it. Iterative, so 1e6 levels cannot either.
 */
export function checkDepth(root: unknown, max = MAX_JSON_DEPTH + 1): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== "object") continue;
    if (depth > max) {
      throw new HttpProblem("INVALID_ARGUMENT", `the body is nested deeper than ${max} levels`);
    }
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
}

/** The body of a binary operation as a bounded, pull-driven stream. */
export function binaryBody(req: IncomingMessage, limit: number): BinaryBody {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  const type = req.headers["content-type"];
  async function* bounded(): AsyncIterable<Uint8Array> {
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        throw new StorageError("VALUE_TOO_LARGE", `the upload is larger than ${limit} bytes`, {
          details: { limit },
        });
      }
      yield chunk;
    }
  }
  return {
    stream: bounded(),
    ...(type === undefined ? {} : { contentType: type }),
    ...(declared === undefined ? {} : { length: declared }),
  };
}
