/**
 * Errors as RFC 9457 problem JSON. The `StorageError` code is the contract and travels as
 * `code`; the status follows it. A refused state change (FAILED_PRECONDITION) is 422, apart
 * from contention (CONFLICT, 409, retryable), so a client never retries a refusal.
 */
import type { ServerResponse } from "node:http";
import { StorageError, type StorageErrorCode } from "@mnemo/core";

/** Codes the HTTP layer adds to the component codes (auth, routing, the body). */
export type HttpErrorCode =
  | StorageErrorCode
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "ROUTE_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "INTERNAL";

export const STATUS_OF_CODE: Readonly<Record<HttpErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  INVALID_KEY: 400,
  INVALID_VALUE: 400,
  VALUE_TOO_LARGE: 413,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 422,
  PERMISSION_DENIED: 403,
  CORRUPTED: 500,
  UNAVAILABLE: 503,
  CLOSED: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** An error the HTTP layer raises itself; components raise `StorageError`. */
export class HttpProblem extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: HttpErrorCode;
  readonly retryable: boolean;
  readonly requestId: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function problemOf(error: unknown, requestId: string): Problem {
  let code: HttpErrorCode = "INTERNAL";
  let detail = "internal error";
  let details: Readonly<Record<string, unknown>> | undefined;
  if (error instanceof StorageError) {
    code = error.code;
    // A backend's message may name a driver detail; the code and field are what clients use.
    detail = error.message;
    details = safeDetails(error.details);
  } else if (error instanceof HttpProblem) {
    code = error.code;
    detail = error.message;
    details = error.details;
  }
  const status = STATUS_OF_CODE[code];
  return {
    type: `urn:mnemo:problem:${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    retryable: code === "CONFLICT" || code === "UNAVAILABLE" || code === "CLOSED",
    requestId,
    ...(details !== undefined && Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** Only small plain details go out (a field name, a limit), never a value a client sent whole. */
function safeDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === "number" || typeof value === "boolean") out[key] = value;
    else if (typeof value === "string")
      out[key] = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return out;
}

export function sendProblem(res: ServerResponse, problem: Problem, error?: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (problem.status === 503) headers["retry-after"] = "1";
  if (error instanceof HttpProblem) Object.assign(headers, error.headers);
  res.writeHead(problem.status, headers);
  res.end(JSON.stringify(problem));
}
