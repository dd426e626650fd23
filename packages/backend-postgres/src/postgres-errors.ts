import { StorageError } from "@mnemo/core";

/** SQLSTATE classes and Node.js codes that mean "the server cannot be reached right now". */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
]);

// node-postgres reports these without a code.
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|not queryable|Client was closed/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when the connection behind `error` is unusable and must be destroyed, not reused. */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) return CONNECTION_CODES.has(code) || code.startsWith("08");
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}

/** True when the server answered with an SQLSTATE (the connection itself is fine). */
export function isServerError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) && !isConnectionError(error);
}

export interface ErrorContext {
  readonly operation: string;
  readonly table: string;
  readonly namespace: string;
  readonly closed: boolean;
}

/** Maps a driver error to a `StorageError`, keeping the driver's error as `cause`. */
export function toStorageError(error: unknown, context: ErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const where = `${context.operation} on ${context.table}`;
  if (context.closed || /after calling end on the pool/.test(message)) {
    return new StorageError("CLOSED", `postgres backend is closed (${where})`, { cause: error });
  }
  const code = codeOf(error);
  if (code === "42P01" || code === "3F000") {
    return new StorageError(
      "NOT_FOUND",
      `${where}: the table of namespace ${context.namespace} does not exist; run migrate() for it or open the backend with autoMigrate: true (${message})`,
      { cause: error, details: { namespace: context.namespace, table: context.table } },
    );
  }
  if (code === "42501") {
    // insufficient_privilege: a grant is missing; retrying will not help.
    return new StorageError("PERMISSION_DENIED", `${where}: ${message}`, {
      cause: error,
      details: { sqlstate: code },
    });
  }
  if (code === "40001" || code === "40P01") {
    return new StorageError("CONFLICT", `${where}: ${message}`, { cause: error });
  }
  if (code !== undefined && /^(22|23|54)/.test(code)) {
    // Data exceptions, integrity violations, program limits: the input, not the server.
    return new StorageError("INVALID_ARGUMENT", `${where}: PostgreSQL refused it: ${message}`, {
      cause: error,
      details: { sqlstate: code },
    });
  }
  return new StorageError("UNAVAILABLE", `${where}: PostgreSQL error: ${message}`, {
    cause: error,
    details: code === undefined ? {} : { sqlstate: code },
  });
}
