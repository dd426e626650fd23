/** Writing results: JSON, binary streams (with backpressure) and Server-Sent Events. */
import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BinaryResult, EventStreamResult } from "../operations/define.js";
import { problemOf } from "./problem.js";

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value) ?? "null";
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function isBinaryResult(value: unknown): value is BinaryResult {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "binary"
  );
}

export function isEventStream(value: unknown): value is EventStreamResult {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "sse"
  );
}

/** Streams bytes; a client that reads slowly slows the source down, nothing piles up. */
export async function sendBinary(res: ServerResponse, result: BinaryResult): Promise<void> {
  const headers: Record<string, string | number> = { "content-type": result.contentType };
  if (result.length !== undefined) headers["content-length"] = result.length;
  res.writeHead(200, headers);
  // Readable.from closes the source iterator when the response is destroyed (client gone).
  await pipeline(Readable.from(result.stream, { objectMode: false }), res);
}

const HEARTBEAT_MS = 15_000;

/** Writes each event as `id:` + `data: <json>`; ends when the source ends or `signal` aborts. */
export async function sendEvents(
  res: ServerResponse,
  result: EventStreamResult,
  signal: AbortSignal,
  requestId: string,
): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  const iterator = result.events[Symbol.asyncIterator]();
  const stop = () => void iterator.return?.();
  signal.addEventListener("abort", stop, { once: true });
  const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    while (!signal.aborted) {
      const step = await iterator.next();
      if (step.done) break;
      const { id, data } = step.value;
      const frame = `${id === undefined ? "" : `id: ${id.replace(/[\r\n]/g, "")}\n`}data: ${JSON.stringify(data)}\n\n`;
      if (!res.write(frame)) {
        await new Promise<void>((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
      }
    }
  } catch (error) {
    if (!res.destroyed) {
      res.write(`event: error\ndata: ${JSON.stringify(problemOf(error, requestId))}\n\n`);
    }
  } finally {
    clearInterval(heartbeat);
    signal.removeEventListener("abort", stop);
    await iterator.return?.();
    res.end();
  }
}
