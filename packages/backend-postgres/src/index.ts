export {
  type ApplicationRoleOptions,
  connectionStringAs,
  ensureApplicationRole,
} from "./application-role.js";
export type { PostgresBackendOptions } from "./options.js";
export { openPostgresBackend, PostgresBackend } from "./postgres-backend.js";
export { type MigrateOptions, type MigrateResult, migrate } from "./schema.js";
