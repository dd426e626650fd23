/**
 * The StorageBackend conformance suite: the whole contract of ARCHITECTURE.md as vitest
 * suites. A backend proves itself with one call in its test file:
 *
 *   import { describeConformance } from "@mnemo/testing";
 *   describeConformance("memory", () => openMemoryBackend());
 *
 * or, when tests need cleaning up after (a schema to drop, a directory to remove):
 *
 *   describeConformance("level", {
 *     open: async () => openLevelBackend({ path: await mkdtemp(join(tmpdir(), "c-")) }),
 *     reopen: async (root) => openLevelBackend({ path: root.location }), // persistence spec
 *     cleanup: async () => { ... },   // after each test, once the suite closed its roots
 *     afterAll: async () => { ... },  // once, after the suite
 *   });
 *
 * `open` must return a NEW, EMPTY ROOT handle on every call (the handle a backend is opened
 * with: closing it releases the resources and closes every handle derived from it). The suite
 * closes every root it opened after each test. The suite runs twice: on the root itself and on
 * `root.forTenant("conformance-tenant")`. Tests skip only by `characteristics()`, never by
 * `backendType()`.
 *
 * Specs derive handles with fixed names (tenant "conformance-tenant", "a", "ab", ...;
 * namespaces "a", "a_b", ...). If the roots `open` returns share storage (one PostgreSQL
 * schema, say), `cleanup` must remove every tenant's data, not only the root's.
 *
 * One spec file per method (`get.spec.ts`, `get-entry.spec.ts`, `commit.spec.ts`, `sum.spec.ts`,
 * `listing.spec.ts`, `put-absent.spec.ts`, ...) plus cross-cutting specs (key order, scan ranges, versions, commit
 * limits and bad input, atomicity, isolation, bad input, aliasing, the checked-commit race,
 * scan memory in bytes) and a model-based test with fast-check
 * (`model.spec.ts`: 200 runs when `CI` is set; `MNEMO_FC_SEED`/`MNEMO_FC_PATH` replay a
 * failure, whose seed and path fast-check prints).
 */
import type { StorageBackend } from "@mnemo/core";
import { afterAll, afterEach, describe } from "vitest";
import { aliasingSpec } from "./aliasing.spec.js";
import { atomicitySpec } from "./atomicity.spec.js";
import { badInputSpec } from "./bad-input.spec.js";
import { characteristicsSpec } from "./characteristics.spec.js";
import { clearSpec } from "./clear.spec.js";
import { closeSpec } from "./close.spec.js";
import { commitSpec } from "./commit.spec.js";
import { commitBadInputSpec } from "./commit-bad-input.spec.js";
import { commitLimitsSpec } from "./commit-limits.spec.js";
import { compareAndSwapSpec } from "./compare-and-swap.spec.js";
import {
  CONFORMANCE_TENANT,
  type ConformanceContext,
  type ConformanceOptions,
  type ConformanceSubject,
  type OpenBackend,
} from "./context.js";
import { deleteSpec } from "./delete.spec.js";
import { deleteBatchSpec } from "./delete-batch.spec.js";
import { existsSpec } from "./exists.spec.js";
import { getSpec } from "./get.spec.js";
import { getBatchSpec } from "./get-batch.spec.js";
import { getEntrySpec } from "./get-entry.spec.js";
import { handlesSpec } from "./handles.spec.js";
import { isolationSpec } from "./isolation.spec.js";
import { keyOrderSpec } from "./key-order.spec.js";
import { listKeysSpec } from "./list-keys.spec.js";
import { listingSpec } from "./listing.spec.js";
import { modelSpec } from "./model.spec.js";
import { persistenceSpec } from "./persistence.spec.js";
import { putAbsentSpec } from "./put-absent.spec.js";
import { raceSpec } from "./race.spec.js";
import { scanSpec } from "./scan.spec.js";
import { scanMemorySpec } from "./scan-memory.spec.js";
import { scanRangesSpec } from "./scan-ranges.spec.js";
import { scanVersionsSpec } from "./scan-versions.spec.js";
import { setSpec } from "./set.spec.js";
import { setBatchSpec } from "./set-batch.spec.js";
import { sumSpec } from "./sum.spec.js";
import { versionsSpec } from "./versions.spec.js";
import { writeSpec } from "./write.spec.js";

export {
  CONFORMANCE_TENANT,
  type ConformanceContext,
  type ConformanceOptions,
  type ConformanceSubject,
  type OpenBackend,
};

const SPECS: ReadonlyArray<(ctx: ConformanceContext) => void> = [
  getSpec,
  setSpec,
  deleteSpec,
  existsSpec,
  listKeysSpec,
  getBatchSpec,
  setBatchSpec,
  deleteBatchSpec,
  clearSpec,
  scanSpec,
  writeSpec,
  compareAndSwapSpec,
  getEntrySpec,
  versionsSpec,
  scanVersionsSpec,
  commitSpec,
  sumSpec,
  commitLimitsSpec,
  commitBadInputSpec,
  putAbsentSpec,
  listingSpec,
  handlesSpec,
  closeSpec,
  characteristicsSpec,
  keyOrderSpec,
  scanRangesSpec,
  atomicitySpec,
  isolationSpec,
  badInputSpec,
  aliasingSpec,
  persistenceSpec,
  raceSpec,
  scanMemorySpec,
  modelSpec,
];

/** `scanMemorySpec` → "scan-memory": the spec's file name. */
function specName(spec: (ctx: ConformanceContext) => void): string {
  return spec.name.replace(/Spec$/, "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function defaultModelRuns(): number {
  return process.env.CI ? 200 : 50;
}

function subjectContext(
  subject: ConformanceSubject,
  options: ConformanceOptions,
): ConformanceContext {
  const roots: StorageBackend[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await root.close();
    await options.cleanup?.();
  });
  const openWithRoot = async () => {
    const root = await options.open();
    roots.push(root);
    const store = subject === "root" ? root : root.forTenant(CONFORMANCE_TENANT);
    return { root, store };
  };
  return {
    subject,
    openWithRoot,
    open: async () => (await openWithRoot()).store,
    modelRuns: options.modelRuns ?? defaultModelRuns(),
    operatorListing: options.operatorListing ?? true,
    reopen:
      options.reopen &&
      (async (root: StorageBackend) => {
        await root.close();
        const again = await options.reopen!(root);
        roots.push(again);
        return subject === "root" ? again : again.forTenant(CONFORMANCE_TENANT);
      }),
  };
}

/** Declares the conformance suite for one backend (see the file header). */
export function describeConformance(name: string, factory: OpenBackend | ConformanceOptions): void {
  const options: ConformanceOptions = typeof factory === "function" ? { open: factory } : factory;
  const skipped = new Set(options.skip ?? []);
  const known = new Set(SPECS.map(specName));
  for (const name of skipped) {
    if (!known.has(name))
      throw new Error(`describeConformance: no spec named ${JSON.stringify(name)} to skip`);
  }
  describe(`${name} conformance`, () => {
    if (options.afterAll) afterAll(options.afterAll);
    for (const subject of options.subjects ?? (["root", "tenant"] as const)) {
      const title = subject === "root" ? "root handle" : `tenant handle "${CONFORMANCE_TENANT}"`;
      describe(title, () => {
        const ctx = subjectContext(subject, options);
        for (const spec of SPECS) if (!skipped.has(specName(spec))) spec(ctx);
      });
    }
  });
}
