/**
 * The `[mcp]` section of mnemo.toml, as an Effect Schema the kernel's config schema embeds
 * (the kernel owns `config/schema.ts`; this is MCP's part of it):
 *
 *   [mcp]
 *   tools = ["read_graph", "search_nodes", "recall"]   # optional: exactly these tools
 *   tenant = "me"                                      # stdio only: the tenant `mnemo mcp` acts as
 *   scope = "write"                                    # stdio only: read | write | admin
 *
 *   [mcp.components]                                   # optional per-component switches
 *   graph = "read"                                     # read tools only
 *   artifacts = false                                  # no tools, no resources
 */
import type { McpSection } from "../config/schema.js";
import type { Scope } from "../operations/define.js";
import type { McpExposure, McpTool } from "./tools.js";

/** The section itself lives with the rest of the file format, in config/schema.ts. */
export { McpSection as McpConfigSchema } from "../config/schema.js";

export type McpConfig = typeof McpSection.Type;

export function exposureOf(config: McpConfig | undefined): McpExposure {
  return {
    ...(config?.tools === undefined ? {} : { tools: config.tools }),
    ...(config?.components === undefined ? {} : { components: config.components }),
  };
}

/** `mcp.tools[i]` entries that name no tool, so the config check can name the exact key. */
export function unknownTools(
  config: McpConfig | undefined,
  tools: readonly McpTool[],
): { path: string; name: string }[] {
  const known = new Set(tools.map((t) => t.name));
  return (config?.tools ?? []).flatMap((name, i) =>
    known.has(name) ? [] : [{ path: `mcp.tools[${i}]`, name }],
  );
}

/** The highest scope a token carries (admin implies write implies read). */
export function highestScope(scopes: ReadonlySet<Scope>): Scope | undefined {
  return scopes.has("admin")
    ? "admin"
    : scopes.has("write")
      ? "write"
      : scopes.has("read")
        ? "read"
        : undefined;
}
