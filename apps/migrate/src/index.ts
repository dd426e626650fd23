export { buildProgram, type Io, run } from "./cli.js";
export { EXIT, exitCodeOf } from "./exit-codes.js";
export { openStore, parseStoreUrl, type StoreUrl } from "./stores.js";
