/**
 * The Effect `Schema` of mnemo.toml. Keys are the seed's snake_case names; every table
 * refuses unknown keys (the loader decodes with `onExcessProperty: "error"`). Defaults live
 * in `resolve.ts`, so this file says only what may be written.
 */
import { Schema } from "effect";
import type { ComponentKey } from "../operations/define.js";

export const COMPONENT_KEYS: readonly ComponentKey[] = [
  "vector_embeddings",
  "episodic",
  "graph",
  "procedural",
  "agent_state",
  "workflow_state",
  "sessions",
  "artifacts",
  "event_log",
  "hook_history",
];

const opt = Schema.optionalKey;
const NonEmpty = Schema.String.check(Schema.isMinLength(1));
const PositiveInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1));
const NonNegative = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0));
const Seconds = Schema.Finite.check(Schema.isGreaterThan(0));

export const BackendKind = Schema.Literals(["memory", "level", "postgres"]);
export type BackendKind = typeof BackendKind.Type;
export const LevelMode = Schema.Literals(["safe", "balanced", "fast"]);
export const ScopeName = Schema.Literals(["read", "write", "admin"]);

const PostgresSection = Schema.Struct({
  url: opt(NonEmpty),
  pool_size: opt(PositiveInt),
  pool_timeout_secs: opt(Seconds),
  idle_timeout_secs: opt(Seconds),
  max_lifetime_secs: opt(NonNegative),
  enforce_tenant_isolation: opt(Schema.Boolean),
  auto_migrate: opt(Schema.Boolean),
  /** PostgreSQL schema of Mnemo's tables (default "mnemo"). */
  schema: opt(NonEmpty),
  /** The unprivileged role queries run as when `enforce_tenant_isolation` (default "mnemo_app"). */
  application_role: opt(NonEmpty),
});
export type PostgresSection = typeof PostgresSection.Type;

const LevelSection = Schema.Struct({ path: opt(NonEmpty), mode: opt(LevelMode) });

/** `[storage.<component>]`: the backend, and where it lives when it is not the default. */
const ComponentSection = Schema.Struct({
  backend: opt(BackendKind),
  /** level: this component's own directory. */
  path: opt(NonEmpty),
  mode: opt(LevelMode),
  /** postgres: this component's own server (its pool options are `[storage.postgres]`'s). */
  url: opt(NonEmpty),
  /** On a hot swap: carry the data along (default) or, `false`, leave it behind. */
  migrate: opt(Schema.Boolean),
});

const StorageSection = Schema.Struct({
  backend: opt(BackendKind),
  path: opt(NonEmpty),
  postgres: opt(PostgresSection),
  level: opt(LevelSection),
  vector_embeddings: opt(ComponentSection),
  episodic: opt(ComponentSection),
  graph: opt(ComponentSection),
  procedural: opt(ComponentSection),
  agent_state: opt(ComponentSection),
  workflow_state: opt(ComponentSection),
  sessions: opt(ComponentSection),
  artifacts: opt(ComponentSection),
  event_log: opt(ComponentSection),
  hook_history: opt(ComponentSection),
});

const ServerSection = Schema.Struct({
  host: opt(NonEmpty),
  port: opt(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 }))),
  /** Largest JSON request body. */
  max_body_bytes: opt(PositiveInt),
  /** Largest binary (artifact) upload. */
  max_upload_bytes: opt(PositiveInt),
  request_timeout_secs: opt(Seconds),
  headers_timeout_secs: opt(Seconds),
  keep_alive_timeout_secs: opt(Seconds),
  shutdown_timeout_secs: opt(Seconds),
});

export const TokenEntry = Schema.Struct({
  /** `sha256:<64 hex>` of the token, as `mnemo token create` prints it. */
  hash: Schema.String.check(Schema.isPattern(/^sha256:[0-9a-f]{64}$/)),
  tenant: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256)),
  scopes: Schema.Array(ScopeName).check(Schema.isMinLength(1)),
  name: opt(Schema.String),
  /** A revoked token is refused (401) like an unknown one; removing the entry does the same. */
  revoked: opt(Schema.Boolean),
});

const AuthSection = Schema.Struct({
  tokens: opt(Schema.Array(TokenEntry)),
});

const MetricsSection = Schema.Struct({
  enabled: opt(Schema.Boolean),
  /** Ask for a token with the admin scope on /metrics. */
  require_admin: opt(Schema.Boolean),
});

const LogSection = Schema.Struct({
  level: opt(Schema.Literals(["debug", "info", "warn", "error", "silent"])),
  /** Log one line per request (default true). */
  requests: opt(Schema.Boolean),
});

const McpSwitch = Schema.Union([Schema.Boolean, Schema.Literal("read")]);

/** `[mcp]`: which tools MCP offers, and who `mnemo mcp` (stdio, no token) acts as. */
export const McpSection = Schema.Struct({
  tools: opt(Schema.Array(Schema.String)),
  components: opt(
    Schema.Struct(
      Object.fromEntries(COMPONENT_KEYS.map((key) => [key, opt(McpSwitch)])) as {
        [K in ComponentKey]: Schema.optionalKey<typeof McpSwitch>;
      },
    ),
  ),
  tenant: opt(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256))),
  scope: opt(ScopeName),
});

export const ConfigFile = Schema.Struct({
  storage: opt(StorageSection),
  server: opt(ServerSection),
  /** `auth = "none"` (loopback only) or an `[auth]` table with `[[auth.tokens]]`. */
  auth: opt(Schema.Union([Schema.Literal("none"), AuthSection])),
  /** The tenant every call acts as when `auth = "none"` (default "default"). */
  tenant: opt(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256))),
  metrics: opt(MetricsSection),
  log: opt(LogSection),
  mcp: opt(McpSection),
});
export type ConfigFile = typeof ConfigFile.Type;
export type TokenEntry = typeof TokenEntry.Type;
