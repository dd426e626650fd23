/**
 * Stores named on the command line: `memory:`, `level:./data` (a LevelDB directory), or a
 * PostgreSQL URL (`postgres://user@host/db?schema=mnemo`). PostgreSQL is opened on the given
 * login as the schema owner: migrating lists tenants, an operator's right.
 */
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import { describe, type StorageBackend, StorageError } from "@mnemo/core";

/** LevelDB's smallest `max_open_files`: see `openStore`. */
export const MIGRATE_MAX_OPEN_FILES = 74;

export interface StoreUrl {
  readonly kind: "memory" | "level" | "postgres";
  /** The URL as given, password hidden: what `status` shows. */
  readonly display: string;
  readonly path?: string;
  readonly connectionString?: string;
  readonly schema?: string;
}

export function parseStoreUrl(text: string, field: string): StoreUrl {
  if (typeof text !== "string" || text.length === 0) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field}: a store URL is required (level:./data, postgres://…)`,
    );
  }
  if (text === "memory:" || text === "memory") return { kind: "memory", display: "memory:" };
  if (text.startsWith("level:")) {
    const path = text.slice("level:".length);
    if (path.length === 0)
      throw new StorageError(
        "INVALID_ARGUMENT",
        `${field}: level: needs a directory, as in level:./data`,
      );
    return { kind: "level", display: text, path };
  }
  if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
    let url: URL;
    try {
      url = new URL(text);
    } catch (cause) {
      throw new StorageError("INVALID_ARGUMENT", `${field}: ${describe(text)} is not a valid URL`, {
        cause,
      });
    }
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    const display = new URL(url);
    if (display.password) display.password = "***";
    return {
      kind: "postgres",
      display: `${display.toString()}${schema ? `${display.search ? "&" : "?"}schema=${schema}` : ""}`,
      connectionString: url.toString(),
      ...(schema === undefined ? {} : { schema }),
    };
  }
  throw new StorageError(
    "INVALID_ARGUMENT",
    `${field}: ${describe(text)} is not a store URL; use memory:, level:<dir> or postgres://…`,
  );
}

/** Opens the root of a store; an unreachable one is `UNAVAILABLE` with the cause kept. */
export async function openStore(
  url: StoreUrl,
  options: { create?: boolean } = {},
): Promise<StorageBackend> {
  try {
    if (url.kind === "memory") return await openMemoryBackend();
    if (url.kind === "level") {
      return await openLevelBackend({
        path: url.path!,
        // LevelDB maps every open table file, and an export or a backfill reads them all: at
        // LevelDB's floor (74 files: 64 tables of ~2 MiB) the mapped pages stay ~130-180 MiB
        // of file-backed RSS whatever the store's size; the default (1000) maps 2 GiB whole.
        // An export also reopens the store as they grow (level-export.ts).
        maxOpenFiles: MIGRATE_MAX_OPEN_FILES,
        ...(options.create === false ? { createIfMissing: false } : {}),
      });
    }
    return await openPostgresBackend({
      connectionString: url.connectionString!,
      ...(url.schema === undefined ? {} : { schema: url.schema }),
      poolSize: 4,
      poolTimeoutSecs: 10,
      applicationName: "mnemo-migrate",
    });
  } catch (cause) {
    if (
      url.kind === "level" &&
      StorageError.is(cause, "UNAVAILABLE") &&
      /locked/.test(cause.message)
    ) {
      throw new StorageError(
        "UNAVAILABLE",
        `${cause.message}. If a running kernel serves it, have the kernel move the component: mnemo-migrate start --kernel http://HOST:PORT …`,
        { cause, details: cause.details },
      );
    }
    if (cause instanceof StorageError && cause.code !== "UNAVAILABLE") throw cause;
    throw new StorageError(
      "UNAVAILABLE",
      `cannot open store ${url.display}: ${(cause as Error).message}`,
      { cause },
    );
  }
}
