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
import { Schema } from "effect";
import { COMPONENT_KEYS } from "../config/schema.js";
import type { ComponentKey, Scope } from "../operations/define.js";
import type { McpExposure, McpTool } from "./tools.js";

const Switch = Schema.Union([Schema.Boolean, Schema.Literal("read")]);

export const McpConfigSchema = Schema.Struct({
  tools: Schema.optionalKey(Schema.Array(Schema.String)),
  components: Schema.optionalKey(
    Schema.Struct(
      Object.fromEntries(COMPONENT_KEYS.map((key) => [key, Schema.optionalKey(Switch)])) as {
        [K in ComponentKey]: Schema.optionalKey<typeof Switch>;
      },
    ),
  ),
  tenant: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256))),
  scope: Schema.optionalKey(Schema.Literals(["read", "write", "admin"])),
});
export type McpConfig = typeof McpConfigSchema.Type;

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
