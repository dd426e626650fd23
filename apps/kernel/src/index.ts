export * from "./mcp/index.js";
export * from "./operations/define.js";
export { components } from "./operations/index.js";
