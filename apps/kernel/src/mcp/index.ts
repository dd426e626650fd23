/** MCP: tools and resources generated from the operation definitions, over HTTP and stdio. */
export {
  ARTIFACT_URI_PREFIX,
  ARTIFACT_URI_TEMPLATE,
  artifactUri,
  MAX_MCP_ARTIFACT_BYTES,
} from "./artifact-resources.js";
export { type McpPrincipal, toolError } from "./call.js";
export {
  exposureOf,
  highestScope,
  type McpConfig,
  McpConfigSchema,
  unknownTools,
} from "./config.js";
export { episodicTools } from "./episodic-tools.js";
export { KnowledgeGraph } from "./graph-compat/knowledge-graph.js";
export { graphCompatTools } from "./graph-compat/operations.js";
export {
  createMcpHttpHandler,
  MAX_MCP_BODY_BYTES,
  type McpHttpHandler,
  type McpHttpOptions,
} from "./http.js";
export { type MountContext, mountableMcpHandler } from "./mount.js";
export { mountMcp } from "./mount-kernel.js";
export {
  allTools,
  createMcpServer,
  curatedTools,
  type McpServerOptions,
  SERVER_NAME,
  SERVER_VERSION,
} from "./server.js";
export { type McpStdioOptions, type McpStdioServer, serveMcpStdio } from "./stdio.js";
export {
  type McpStdioConfigOptions,
  type OpenedRuntime,
  openRuntime,
  runMcpStdio,
} from "./stdio-kernel.js";
export {
  isExposed,
  type McpExposure,
  type McpTool,
  scopeAllows,
  toolFromOperation,
  toolNameOf,
  toolsFromOperations,
} from "./tools.js";
