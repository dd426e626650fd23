export {
  type BackendFixture,
  type BackendSpec,
  forEachBackend,
  type OpenOptions,
  openFromSpec,
} from "./backend-matrix.js";
export { BACKEND_NAMES, type BackendName, selectedBackends } from "./backend-names.js";
export { describeConformance, type OpenBackend } from "./conformance/index.js";
export { postgresTestUrl } from "./postgres-url.js";
