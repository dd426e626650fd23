/** The checked file plus every default: what the kernel runs with. */
import { isAbsolute, resolve as resolvePath } from "node:path";
import type { ComponentKey } from "../operations/define.js";
import {
  COMPONENT_KEYS,
  type ConfigFile,
  type McpSection,
  type PostgresSection,
  type TokenEntry,
} from "./schema.js";

export type LevelDurability = "safe" | "balanced" | "fast";

export interface PostgresSpec {
  readonly kind: "postgres";
  readonly url: string;
  readonly poolSize: number;
  readonly poolTimeoutSecs: number;
  readonly idleTimeoutSecs: number;
  readonly maxLifetimeSecs: number;
  readonly enforceTenantIsolation: boolean;
  readonly autoMigrate: boolean;
  readonly schema: string;
  readonly applicationRole: string;
}

export type BackendSpec =
  | { readonly kind: "memory" }
  | { readonly kind: "level"; readonly path: string; readonly durability: LevelDurability }
  | PostgresSpec;

export type AuthConfig =
  | { readonly mode: "none"; readonly tenant: string }
  | { readonly mode: "tokens"; readonly tokens: readonly TokenEntry[] };

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  readonly maxUploadBytes: number;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
}

export interface KernelConfig {
  /** The file it came from, for messages. */
  readonly source: string;
  readonly server: ServerConfig;
  readonly auth: AuthConfig;
  readonly metrics: { readonly enabled: boolean; readonly requireAdmin: boolean };
  readonly log: {
    readonly level: "debug" | "info" | "warn" | "error" | "silent";
    readonly requests: boolean;
  };
  readonly components: Readonly<Record<ComponentKey, BackendSpec>>;
  /** `[mcp]` as written (exposure and the stdio principal); absent keys mean everything. */
  readonly mcp: McpSectionConfig;
  /**
   * `[storage.postgres]` with its defaults, when it has a url: what a swap to "postgres"
   * without a url of its own means, whether or not a component is served from it yet.
   */
  readonly postgres?: PostgresSpec;
  /** The default LevelDB directory (`[storage.level] path`, else `[storage] path`), absolute. */
  readonly levelPath?: string;
  /** `migrate = false` of `[storage.<component>]`: a hot swap leaves the data behind. */
  readonly migrate?: Readonly<Partial<Record<ComponentKey, boolean>>>;
}

export type McpSectionConfig = typeof McpSection.Type;

export const DEFAULT_PORT = 7411;
export const DEFAULT_DATA_PATH = "./.mnemo-data";

/** Relative paths are relative to the working directory the kernel was started in. */
function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolvePath(cwd, path);
}

export function resolveConfig(file: ConfigFile, source: string, cwd: string): KernelConfig {
  const storage = file.storage ?? {};
  const pg = storage.postgres ?? {};
  const level = storage.level ?? {};
  const defaultKind = storage.backend ?? "level";
  const components = {} as Record<ComponentKey, BackendSpec>;
  const migrate: Partial<Record<ComponentKey, boolean>> = {};
  for (const key of COMPONENT_KEYS) {
    const own = storage[key] ?? {};
    if (own.migrate !== undefined) migrate[key] = own.migrate;
    const kind = own.backend ?? defaultKind;
    if (kind === "memory") {
      components[key] = { kind };
    } else if (kind === "level") {
      const path = own.path ?? level.path ?? storage.path ?? DEFAULT_DATA_PATH;
      components[key] = {
        kind,
        path: absolute(path, cwd),
        durability: own.mode ?? level.mode ?? "balanced",
      };
    } else {
      const url = own.url ?? pg.url;
      if (url === undefined) {
        throw new ConfigError(
          [`storage`, key, "backend"],
          `postgres needs storage.postgres.url (or storage.${key}.url)`,
        );
      }
      components[key] = postgresSpec(url, pg);
    }
  }
  const server = file.server ?? {};
  const auth: AuthConfig =
    file.auth === "none"
      ? { mode: "none", tenant: file.tenant ?? "default" }
      : { mode: "tokens", tokens: file.auth?.tokens ?? [] };
  return {
    source,
    server: {
      host: server.host ?? "127.0.0.1",
      port: server.port ?? DEFAULT_PORT,
      maxBodyBytes: server.max_body_bytes ?? 1024 * 1024,
      maxUploadBytes: server.max_upload_bytes ?? 4 * 1024 ** 3,
      requestTimeoutMs: (server.request_timeout_secs ?? 300) * 1000,
      headersTimeoutMs: (server.headers_timeout_secs ?? 30) * 1000,
      keepAliveTimeoutMs: (server.keep_alive_timeout_secs ?? 5) * 1000,
      shutdownTimeoutMs: (server.shutdown_timeout_secs ?? 10) * 1000,
    },
    auth,
    metrics: {
      enabled: file.metrics?.enabled ?? true,
      requireAdmin: file.metrics?.require_admin ?? false,
    },
    log: { level: file.log?.level ?? "info", requests: file.log?.requests ?? true },
    components,
    mcp: file.mcp ?? {},
    ...(pg.url === undefined ? {} : { postgres: postgresSpec(pg.url, pg) }),
    levelPath: absolute(level.path ?? storage.path ?? DEFAULT_DATA_PATH, cwd),
    migrate,
  };
}

/** A PostgreSQL backend at `url` with `[storage.postgres]`'s settings, or their defaults. */
function postgresSpec(url: string, pg: PostgresSection): PostgresSpec {
  return {
    kind: "postgres",
    url,
    poolSize: pg.pool_size ?? 10,
    poolTimeoutSecs: pg.pool_timeout_secs ?? 30,
    idleTimeoutSecs: pg.idle_timeout_secs ?? 600,
    maxLifetimeSecs: pg.max_lifetime_secs ?? 1800,
    enforceTenantIsolation: pg.enforce_tenant_isolation ?? true,
    autoMigrate: pg.auto_migrate ?? true,
    schema: pg.schema ?? "mnemo",
    applicationRole: pg.application_role ?? "mnemo_app",
  };
}

/** A config problem at a key path; the loader adds the file and line. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly path: readonly (string | number)[],
    readonly reason: string,
    readonly location?: string,
  ) {
    super(`${path.join(".")}: ${reason}${location === undefined ? "" : ` (${location})`}`);
  }
}
