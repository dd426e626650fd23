export * from "./operations/define.js";
