import type { StorageBackend } from "@mnemo/core";

/** What a backend's test file passes to `describeConformance`. */
export interface ConformanceOptions {
  /**
   * A NEW, EMPTY root handle on every call: the handle a backend is opened with, whose
   * `close()` releases its resources. The suite closes every root it opens after each test.
   */
  open(): Promise<StorageBackend>;
  /**
   * For persistent backends: a new root on the same data as `root`, as after a process
   * restart. The suite has closed `root` before it calls this. Without it, or when
   * `characteristics().persistent` is false, the persistence spec is skipped.
   */
  reopen?(root: StorageBackend): Promise<StorageBackend>;
  /** Runs after each test, once the suite has closed the roots it opened (drop a schema, rm a dir). */
  cleanup?(): Promise<void>;
  /** Runs once after the whole suite. */
  afterAll?(): Promise<void>;
  /** Sequences the model-based test runs: default 200 under `CI`, 50 otherwise. */
  modelRuns?: number;
  /**
   * Whether the handles `open` returns have operator rights (default true): `listTenants()`
   * lists the namespace's tenants, and `listNamespaces()` also shows namespaces holding only
   * other tenants' data. With false (a PostgreSQL application-role connection, say),
   * `listTenants()` must refuse with `PERMISSION_DENIED`.
   */
  operatorListing?: boolean;
  /**
   * Spec files to leave out, by name without `.spec` ("scan-memory", "commit-limits"): for a
   * decorator whose every phase runs the suite, the specs that only push the wrapped
   * backends' byte limits can run on one pair and be skipped on the slower ones.
   */
  skip?: readonly string[];
  /** Which passes to run: default both, the root handle and its tenant handle. */
  subjects?: readonly ConformanceSubject[];
}

export type OpenBackend = () => Promise<StorageBackend>;

/** Which handle a pass of the suite tests: the root, or a tenant handle derived from it. */
export type ConformanceSubject = "root" | "tenant";

/** The tenant the second pass of the suite runs on. */
export const CONFORMANCE_TENANT = "conformance-tenant";

/** What every spec receives. */
export interface ConformanceContext {
  readonly subject: ConformanceSubject;
  /** A fresh store: the handle under test (the root, or its tenant handle), empty. */
  open(): Promise<StorageBackend>;
  /** The handle under test together with the root it was derived from (the same handle on the root pass). */
  openWithRoot(): Promise<{ readonly root: StorageBackend; readonly store: StorageBackend }>;
  readonly modelRuns: number;
  /** See `ConformanceOptions.operatorListing`. */
  readonly operatorListing: boolean;
  /**
   * Closes `root` and opens it again on the same data; returns the handle under test on the
   * new root. `undefined` when the backend's test gave no `reopen`.
   */
  readonly reopen: ((root: StorageBackend) => Promise<StorageBackend>) | undefined;
}
