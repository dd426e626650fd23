/** The `[mcp]` section: decoded from TOML, turned into an exposure, unknown tool names named. */
import { Schema } from "effect";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { exposureOf, highestScope, McpConfigSchema, unknownTools } from "../../src/mcp/config.js";
import { allTools } from "../../src/mcp/server.js";
import { isExposed } from "../../src/mcp/tools.js";

const decode = (toml: string) =>
  Schema.decodeUnknownSync(McpConfigSchema)((parse(toml) as { mcp?: unknown }).mcp ?? {}, {
    onExcessProperty: "error",
  });

describe("[mcp] config", () => {
  it("switches components off or to read-only, and lists tools", () => {
    const config = decode(`
[mcp]
tenant = "me"
scope = "read"
[mcp.components]
graph = "read"
artifacts = false
`);
    const offered = allTools()
      .filter((t) => isExposed(t, exposureOf(config)))
      .map((t) => t.name);
    expect(offered).toContain("read_graph");
    expect(offered).toContain("remember");
    expect(offered).not.toContain("create_entities");
    expect(offered).not.toContain("put_artifact");
    const listed = decode(`[mcp]\ntools = ["recall", "read_graf"]`);
    expect(unknownTools(listed, allTools())).toEqual([{ path: "mcp.tools[1]", name: "read_graf" }]);
  });

  it("refuses what it does not know", () => {
    expect(() => decode(`[mcp]\ntool = ["recall"]`)).toThrow(/tool/);
    expect(() => decode(`[mcp.components]\ngraph = "write"`)).toThrow(/graph/);
    expect(() => decode(`[mcp.components]\ngrpah = false`)).toThrow(/grpah/);
    expect(() => decode(`[mcp]\nscope = "root"`)).toThrow(/scope/);
  });

  it("reads a token's highest scope", () => {
    expect(highestScope(new Set(["read", "write"]))).toBe("write");
    expect(highestScope(new Set(["admin"]))).toBe("admin");
    expect(highestScope(new Set())).toBeUndefined();
  });
});
