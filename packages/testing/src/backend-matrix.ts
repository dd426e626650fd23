/**
 * The backend matrix: every component test body runs once per selected backend.
 *
 *   forEachBackend((backend) => {
 *     it("appends", async () => {
 *       const store = await backend.open();       // empty, its own tenant
 *       ...
 *     });
 *   });
 *
 * Handles are closed, and persistent data cleared, after the file. Tests branch on
 * `store.characteristics()`, never on `backend.name` (it is for titles only).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageBackend } from "@mnemo/core";
import { afterAll, describe } from "vitest";
import { type BackendName, selectedBackends } from "./backend-names.js";
import { postgresTestUrl } from "./postgres-url.js";

/** Enough to open a handle on the same data from another process (`openFromSpec`). */
export type BackendSpec = { readonly namespace: string; readonly tenant: string } & (
  | { readonly backend: "memory" }
  | { readonly backend: "level"; readonly path: string }
  | { readonly backend: "postgres"; readonly connectionString: string }
);

export interface OpenOptions {
  /** Default "test". */
  readonly namespace?: string;
  /** Default: a fresh unique tenant. */
  readonly tenant?: string;
}

export interface BackendFixture {
  /** For test titles. */
  readonly name: BackendName;
  /** A handle on an empty tenant (a new store for memory and LevelDB). */
  open(options?: OpenOptions): Promise<StorageBackend>;
  /**
   * Closes the store behind `handle` (LevelDB) or opens a second connection pool (PostgreSQL)
   * and returns a new handle on the same namespace, tenant and data: a process restart.
   * Only for backends whose `characteristics().persistent` is true.
   */
  reopen(handle: StorageBackend): Promise<StorageBackend>;
  /** A description of `handle`'s data that `openFromSpec` opens from a child process. */
  spec(handle: StorageBackend): BackendSpec;
}

const uniqueTenant = () => `t-${randomUUID()}`;

type Scope = { namespace?: string; tenant?: string };

/**
 * What the matrix uses of each backend package. The backends are optional peer dependencies
 * (only `forEachBackend` and `openFromSpec` load them, on demand), so this package builds
 * without them and has no build-order cycle with them; test/backend-modules.types.ts checks
 * these declarations against the real packages.
 */
export interface BackendModules {
  "@mnemo/backend-memory": { openMemoryBackend(options: Scope): Promise<StorageBackend> };
  "@mnemo/backend-level": {
    openLevelBackend(options: Scope & { path: string }): Promise<StorageBackend>;
  };
  "@mnemo/backend-postgres": {
    ensureApplicationRole(
      connectionString: string,
      role: string,
      options: { password: string },
    ): Promise<void>;
    connectionStringAs(connectionString: string, role: string, password: string): string;
    openPostgresBackend(
      options: Scope & {
        connectionString: string;
        migrationConnectionString: string;
        applicationRole: string;
        poolSize: number;
      },
    ): Promise<StorageBackend>;
  };
}

async function loadBackend<N extends keyof BackendModules>(name: N): Promise<BackendModules[N]> {
  try {
    return (await import(name)) as BackendModules[N];
  } catch (cause) {
    throw new Error(`the selected backend ${name} did not load (is it installed?)`, {
      cause,
    });
  }
}

/**
 * Opens the store a spec names as a root handle on the spec's namespace and tenant, so
 * closing it releases the store (a child process can then exit on its own).
 */
export async function openFromSpec(spec: BackendSpec): Promise<StorageBackend> {
  return openRoot(spec, { namespace: spec.namespace, tenant: spec.tenant });
}

/** The application role tests log in as (its password is its name: test servers only). */
const APP_ROLE = "mnemo_app";

async function openRoot(
  spec: BackendSpec,
  scope: { namespace?: string; tenant?: string } = {},
): Promise<StorageBackend> {
  switch (spec.backend) {
    case "memory": {
      const { openMemoryBackend } = await loadBackend("@mnemo/backend-memory");
      return openMemoryBackend(scope);
    }
    case "level": {
      const { openLevelBackend } = await loadBackend("@mnemo/backend-level");
      return openLevelBackend({ path: spec.path, ...scope });
    }
    case "postgres": {
      const { connectionStringAs, ensureApplicationRole, openPostgresBackend } =
        await loadBackend("@mnemo/backend-postgres");
      // The pool logs in as an unprivileged LOGIN role, the way production runs, so row-level
      // security is enforced in every test; DDL and grants run as the test server's user.
      await ensureApplicationRole(spec.connectionString, APP_ROLE, { password: APP_ROLE });
      return openPostgresBackend({
        connectionString: connectionStringAs(spec.connectionString, APP_ROLE, APP_ROLE),
        migrationConnectionString: spec.connectionString,
        applicationRole: APP_ROLE,
        poolSize: 4,
        ...scope,
      });
    }
  }
}

class Fixture implements BackendFixture {
  readonly #roots: StorageBackend[] = [];
  readonly #handles: StorageBackend[] = [];
  readonly #dirs: string[] = [];
  readonly #specs = new WeakMap<StorageBackend, BackendSpec>();
  /** PostgreSQL: one pool per file, shared by its tests (each on its own tenant). */
  #sharedRoot: Promise<StorageBackend> | undefined;

  constructor(readonly name: BackendName) {}

  async #location(): Promise<BackendSpec> {
    const base = { namespace: "test", tenant: "" };
    switch (this.name) {
      case "memory":
        return { ...base, backend: "memory" };
      case "level": {
        const path = await mkdtemp(join(tmpdir(), "mnemo-level-"));
        this.#dirs.push(path);
        return { ...base, backend: "level", path };
      }
      case "postgres":
        return { ...base, backend: "postgres", connectionString: postgresTestUrl() };
    }
  }

  async #root(spec: BackendSpec): Promise<StorageBackend> {
    if (spec.backend === "postgres") {
      this.#sharedRoot ??= openRoot(spec).then((root) => {
        this.#roots.push(root);
        return root;
      });
      return this.#sharedRoot;
    }
    const root = await openRoot(spec);
    this.#roots.push(root);
    return root;
  }

  #track(handle: StorageBackend, spec: BackendSpec): StorageBackend {
    this.#handles.push(handle);
    this.#specs.set(handle, spec);
    return handle;
  }

  async open(options: OpenOptions = {}): Promise<StorageBackend> {
    const location = await this.#location();
    const spec = {
      ...location,
      namespace: options.namespace ?? "test",
      tenant: options.tenant ?? uniqueTenant(),
    };
    const root = await this.#root(spec);
    return this.#track(root.forNamespace(spec.namespace).forTenant(spec.tenant), spec);
  }

  async reopen(handle: StorageBackend): Promise<StorageBackend> {
    const spec = this.spec(handle);
    if (spec.backend === "memory") {
      throw new Error(
        "reopen: the memory backend is not persistent; check characteristics().persistent",
      );
    }
    if (spec.backend === "level") {
      // One process owns a LevelDB directory: close its root before opening it again.
      const index = this.#roots.findIndex((root) => this.#rootPath(root) === spec.path);
      if (index >= 0) await this.#roots.splice(index, 1)[0]!.close();
    }
    const root = await openRoot(spec);
    this.#roots.push(root);
    return this.#track(root.forNamespace(spec.namespace).forTenant(spec.tenant), spec);
  }

  #rootPath(root: StorageBackend): string | undefined {
    return (root as { location?: string }).location;
  }

  spec(handle: StorageBackend): BackendSpec {
    const spec = this.#specs.get(handle);
    if (spec === undefined) throw new Error("spec: this handle was not opened by the fixture");
    return spec;
  }

  async dispose(): Promise<void> {
    if (this.name === "postgres") {
      // The PostgreSQL server outlives the run: leave nothing behind in it.
      for (const handle of this.#handles) {
        const spec = this.#specs.get(handle)!;
        await clearTenant(this.#roots[0], spec).catch(() => {});
      }
    }
    for (const handle of this.#handles) await handle.close().catch(() => {});
    for (const root of this.#roots) await root.close().catch(() => {});
    for (const dir of this.#dirs) await rm(dir, { recursive: true, force: true });
  }
}

async function clearTenant(root: StorageBackend | undefined, spec: BackendSpec): Promise<void> {
  if (root === undefined || (root as { isClosed?: boolean }).isClosed) return;
  await root.forNamespace(spec.namespace).forTenant(spec.tenant).clear();
}

/** Runs `body` inside a `describe` block once for each backend `MNEMO_BACKENDS` selects. */
export function forEachBackend(body: (backend: BackendFixture) => void): void {
  for (const name of selectedBackends()) {
    describe(`[${name}]`, () => {
      const fixture = new Fixture(name);
      afterAll(() => fixture.dispose());
      body(fixture);
    });
  }
}
