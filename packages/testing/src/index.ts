export {
  type BackendFixture,
  type BackendSpec,
  forEachBackend,
  type OpenOptions,
  openFromSpec,
} from "./backend-matrix.js";
export { BACKEND_NAMES, type BackendName, selectedBackends } from "./backend-names.js";
export { CHILD_CWD, runScript, scriptArgs } from "./child-process.js";
export {
  byteOrder,
  collect,
  counterAt,
  dump,
  expectCode,
  expectNewer,
  expectVersion,
  modelScan,
  type PlainEntry,
  type Snapshot,
  scanKeys,
  snapshot,
  snapshots,
  unrefused,
  versionOf,
} from "./conformance/helpers.js";
export {
  CONFORMANCE_TENANT,
  type ConformanceContext,
  type ConformanceOptions,
  type ConformanceSubject,
  describeConformance,
  type OpenBackend,
} from "./conformance/index.js";
export { freePort } from "./free-port.js";
export { type ManualClock, manualClock } from "./manual-clock.js";
export { postgresTestUrl } from "./postgres-url.js";
export { seededRandom } from "./random.js";
export {
  startThrowawayPostgres,
  type ThrowawayPostgres,
  type ThrowawayPostgresOptions,
} from "./throwaway-postgres.js";
