// Placeholder until the PostgreSQL backend lands: the API the backend matrix relies on.
import type { StorageBackend } from "@mnemo/core";

export interface PostgresBackendOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  readonly namespace?: string;
  readonly tenant?: string;
  readonly maxValueBytes?: number;
}

export async function openPostgresBackend(
  options: PostgresBackendOptions,
): Promise<StorageBackend> {
  throw new Error(`PostgreSQL backend not implemented yet (${options.connectionString})`);
}
