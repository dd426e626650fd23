/**
 * `@mnemo/kernel/config`: the kernel's mnemo.toml loader (smol-toml, `${VAR}`, Effect
 * Schema, key-path errors) for other apps (mnemo-migrate), so there is one parser of the
 * file. Nothing here opens a backend or starts a server.
 */
import type { ComponentKey } from "../operations/define.js";
import { COMPONENT_KEYS } from "./schema.js";

export { ConfigErrors, type LoadOptions, loadConfigFile, parseConfig } from "./load.js";
export {
  type BackendSpec,
  ConfigError,
  DEFAULT_PORT,
  type KernelConfig,
  type LevelDurability,
  type PostgresSpec,
} from "./resolve.js";
export type { ComponentKey };
export { COMPONENT_KEYS };

/**
 * The storage namespace of each component (its operations' `namespace`, checked against
 * them by apps/migrate's tests): the section name but for vector_embeddings.
 */
export const COMPONENT_NAMESPACES: Readonly<Record<ComponentKey, string>> = {
  vector_embeddings: "vector",
  episodic: "episodic",
  graph: "graph",
  procedural: "procedural",
  agent_state: "agent_state",
  workflow_state: "workflow_state",
  sessions: "sessions",
  artifacts: "artifacts",
  event_log: "event_log",
  hook_history: "hook_history",
};

/**
 * The component a name means: its section name (`event_log`), the same with dashes
 * (`event-log`, as the admin routes accept) or its namespace (`vector`); else `undefined`.
 */
export function componentOf(name: string): ComponentKey | undefined {
  return COMPONENT_KEYS.find(
    (key) =>
      key === name || key.replaceAll("_", "-") === name || COMPONENT_NAMESPACES[key] === name,
  );
}
