/**
 * Stores read from the kernel's mnemo.toml, through the kernel's own loader
 * (`@mnemo/kernel/config`: smol-toml, `${VAR}`, Effect Schema, key-path errors), so the CLI
 * and the kernel never disagree on what a file means. apps compose (ARCHITECTURE.md): an app
 * may use another app's exported module; this one needs only the config, never the server.
 *
 * With `--config`, `--namespace` names a component (`event_log`, `event-log` or its
 * namespace `vector`) and its configured backend is the source. The target is a store URL,
 * a backend name (`level`: the config's data directory; `postgres`: the config's PostgreSQL,
 * as the kernel's admin route reads them), or `--target-config` (the component's backend in
 * a second file, such as the edited copy the kernel will be restarted on).
 */
import { readFile, stat } from "node:fs/promises";
import { describe, StorageError } from "@mnemo/core";
import {
  type BackendSpec,
  COMPONENT_KEYS,
  COMPONENT_NAMESPACES,
  type ComponentKey,
  ConfigError,
  componentOf,
  type KernelConfig,
  loadConfigFile,
} from "@mnemo/kernel/config";
import { parseStoreUrl, type StoreUrl } from "./stores.js";

export const BACKEND_NAMES = ["memory", "level", "postgres"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Loads a config file; a missing one is `NOT_FOUND`, a bad one `INVALID_ARGUMENT`. */
export async function loadKernelConfig(path: string, field = "--config"): Promise<KernelConfig> {
  try {
    await stat(path);
  } catch (cause) {
    throw new StorageError("NOT_FOUND", `${field}: no config file ${path}`, { cause });
  }
  try {
    return await loadConfigFile(path);
  } catch (cause) {
    if (cause instanceof ConfigError) {
      throw new StorageError("INVALID_ARGUMENT", `${field} ${path}: ${cause.message}`, { cause });
    }
    throw cause;
  }
}

/**
 * Where the kernel serves a component from: a swap by the admin API or SIGHUP is recorded
 * in `<config>.state.json` (apps/kernel/src/swap-state.ts), and the record stands while the
 * config still names the backend it was written against, as the kernel reads it at start.
 */
export async function servedSpec(
  configPath: string,
  config: KernelConfig,
  key: ComponentKey,
): Promise<BackendSpec> {
  const configured = config.components[key];
  let text: string;
  try {
    text = await readFile(`${configPath}.state.json`, "utf8");
  } catch {
    return configured;
  }
  try {
    const record = (
      JSON.parse(text) as {
        components?: Record<string, { serving?: BackendSpec; configured?: BackendSpec }>;
      }
    ).components?.[key];
    if (
      record?.serving !== undefined &&
      JSON.stringify(record.configured) === JSON.stringify(configured)
    ) {
      return record.serving;
    }
  } catch (cause) {
    throw new StorageError(
      "CORRUPTED",
      `${configPath}.state.json is not the kernel's swap record`,
      { cause },
    );
  }
  return configured;
}

/** The component `name` means; an unknown name is `NOT_FOUND` listing the components. */
export function requireComponent(name: string): ComponentKey {
  const key = componentOf(name);
  if (key === undefined) {
    throw new StorageError(
      "NOT_FOUND",
      `--namespace: no component ${describe(name)} in the kernel's config (components: ${COMPONENT_KEYS.join(", ")})`,
    );
  }
  return key;
}

export function namespaceOf(key: ComponentKey): string {
  return COMPONENT_NAMESPACES[key];
}

/** A config's backend as a store URL the CLI opens (PostgreSQL as the login, the schema owner). */
export function storeOfSpec(spec: BackendSpec): StoreUrl {
  if (spec.kind === "memory") return parseStoreUrl("memory:", "config");
  if (spec.kind === "level") return parseStoreUrl(`level:${spec.path}`, "config");
  const url = new URL(spec.url);
  url.searchParams.set("schema", spec.schema);
  return parseStoreUrl(url.toString(), "config");
}

/** `level` / `postgres` / `memory` as the config configures them (the admin route's rule). */
export function specOfBackendName(
  config: KernelConfig,
  name: BackendName,
  key: ComponentKey,
): BackendSpec {
  if (name === "memory") return { kind: "memory" };
  if (name === "level") {
    const own = config.components[key];
    return {
      kind: "level",
      path: config.levelPath ?? (own.kind === "level" ? own.path : "./.mnemo-data"),
      durability: own.kind === "level" ? own.durability : "balanced",
    };
  }
  const pg = Object.values(config.components).find((s) => s.kind === "postgres");
  if (pg === undefined) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `--target postgres: ${config.source} configures no PostgreSQL for any component; give --target postgres://…`,
    );
  }
  return pg;
}

export function isBackendName(text: string): text is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(text);
}

/** Whether two store URLs are the same store (one LevelDB directory, one PostgreSQL schema). */
export function sameStore(a: StoreUrl, b: StoreUrl): boolean {
  if (a.kind !== b.kind || a.kind === "memory") return false;
  if (a.kind === "level") return a.path === b.path;
  return (
    a.connectionString === b.connectionString && (a.schema ?? "mnemo") === (b.schema ?? "mnemo")
  );
}

export interface SideOptions {
  source?: string;
  target?: string;
  config?: string;
  targetConfig?: string;
  namespace: string;
}

export interface ResolvedSides {
  readonly namespace: string;
  readonly source?: StoreUrl;
  readonly target?: StoreUrl;
}

/**
 * The stores and namespace a command works on, from URLs or config files. `need` says which
 * sides the command must have; a missing one is a usage error naming the options.
 */
export async function resolveSides(
  o: SideOptions,
  need: readonly ("source" | "target")[],
): Promise<ResolvedSides> {
  if (o.config === undefined && o.targetConfig === undefined) {
    for (const side of need) {
      if (o[side] === undefined) {
        throw new StorageError(
          "INVALID_ARGUMENT",
          `--${side} <url> (or --config <file>) is required`,
        );
      }
    }
    return {
      namespace: o.namespace,
      ...(o.source === undefined ? {} : { source: parseStoreUrl(o.source, "--source") }),
      ...(o.target === undefined ? {} : { target: parseStoreUrl(o.target, "--target") }),
    };
  }
  const key = requireComponent(o.namespace);
  const config = o.config === undefined ? undefined : await loadKernelConfig(o.config);
  let source: StoreUrl | undefined;
  if (o.source !== undefined) source = parseStoreUrl(o.source, "--source");
  else if (config !== undefined) source = storeOfSpec(await servedSpec(o.config!, config, key));
  let target: StoreUrl | undefined;
  if (o.targetConfig !== undefined) {
    if (o.target !== undefined) {
      throw new StorageError("INVALID_ARGUMENT", "give --target or --target-config, not both");
    }
    const next = await loadKernelConfig(o.targetConfig, "--target-config");
    target = storeOfSpec(next.components[key]);
  } else if (o.target !== undefined) {
    if (isBackendName(o.target)) {
      if (config === undefined) {
        throw new StorageError("INVALID_ARGUMENT", `--target ${o.target} needs --config <file>`);
      }
      target = storeOfSpec(specOfBackendName(config, o.target, key));
    } else target = parseStoreUrl(o.target, "--target");
  }
  for (const side of need) {
    if ((side === "source" ? source : target) === undefined) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        side === "source"
          ? "--source <url> or --config <file> is required"
          : "--target <url | level | postgres> or --target-config <file> is required",
      );
    }
  }
  if (source !== undefined && target !== undefined && sameStore(source, target)) {
    throw new StorageError(
      "FAILED_PRECONDITION",
      `${key} is already stored in ${source.display}: the target must be another store`,
    );
  }
  return {
    namespace: namespaceOf(key),
    ...(source === undefined ? {} : { source }),
    ...(target === undefined ? {} : { target }),
  };
}
