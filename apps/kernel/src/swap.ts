/**
 * Hot swap of one component's backend while the kernel serves (issue 17).
 *
 * validate → open the new backend (a share) and health-check it → if the old backend holds
 * the component's data: take an extra share of the old, swap the ref to a dual-write
 * generation (the old generation drains and gives its share back; the old store stays open
 * through the extra share), copy + verify while serving, cut over (reads go to the new),
 * record the swap, swap the ref to the new backend alone, wait for the dual generation to
 * drain, delete the old data, release the extra share (the old closes exactly once).
 * Any failure before the cut-over swaps back to the old backend alone and says why.
 *
 * One swap runs at a time per kernel: a second request gets CONFLICT (409) at once; the
 * config watcher runs the swaps a new file asks for one after the other.
 */
import { StorageError } from "@mnemo/core";
import { type BackendOpener, type OpenedBackend, rootIdentity } from "./backends/open.js";
import type { BackendSpec } from "./config/resolve.js";
import type { KernelMetrics } from "./http/metrics.js";
import type { Logger } from "./log.js";
import type { ComponentKey } from "./operations/define.js";
import { type ComponentSlot, type Runtime, ServedBackend } from "./runtime.js";
import { type DataMove, type DataMover, holdsNamespace, type MoveProgress } from "./swap-move.js";
import type { SwapStateStore } from "./swap-state.js";

export interface SwapRequest {
  readonly component: ComponentKey;
  readonly backend: BackendSpec;
  /** `false`: switch without carrying the data (it stays behind). Default: carry it. */
  readonly migrate?: boolean;
  readonly trigger: "admin" | "config" | "sighup" | "startup";
}

export interface SwapResult {
  readonly component: ComponentKey;
  readonly from: string;
  readonly to: string;
  /** False when the component was already served from that backend. */
  readonly changed: boolean;
  readonly generation: number;
  /** Keys and bytes carried along (absent when nothing was migrated). */
  readonly migrated?: MoveProgress;
  readonly ms: number;
}

export interface SwapStatus {
  readonly swapping?: { readonly to: string; readonly since: string; readonly step: string };
  readonly last?: {
    readonly ok: boolean;
    readonly at: string;
    readonly to: string;
    readonly error?: string;
  };
}

export interface SwapperDeps {
  readonly runtime: Runtime;
  readonly opener: BackendOpener;
  readonly metrics: KernelMetrics;
  readonly logger: Logger;
  readonly state: SwapStateStore;
  /** What the component is served from now (the config's, or the state file's). */
  readonly serving: Readonly<Record<ComponentKey, BackendSpec>>;
  /** The config file's backend for a component now (recorded beside each swap). */
  readonly configured: (key: ComponentKey) => BackendSpec;
  /** Absent: a swap of a component holding data is refused (nothing to carry it with). */
  readonly mover?: DataMover;
  /** Longest wait for an old generation's calls before going on (logged). Default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Test seam: called at each step name, may throw to fail the swap there. */
  readonly onStep?: (component: ComponentKey, step: string) => void | Promise<void>;
}

const HEALTH_TIMEOUT_MS = 5000;

/** A backend for messages: kind and place, never a password. */
export function describeBackend(spec: BackendSpec): string {
  switch (spec.kind) {
    case "memory":
      return "memory";
    case "level":
      return `level:${spec.path}`;
    case "postgres": {
      try {
        const url = new URL(spec.url);
        return `postgres://${url.hostname}:${url.port || "5432"}${url.pathname}#${spec.schema}`;
      } catch {
        return "postgres";
      }
    }
  }
}

function sameSpec(a: BackendSpec, b: BackendSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageError("UNAVAILABLE", `${what} timed out`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class Swapper {
  readonly #deps: SwapperDeps;
  readonly #serving: Map<ComponentKey, BackendSpec>;
  readonly #status = new Map<ComponentKey, SwapStatus>();
  #busy: ComponentKey | undefined;

  constructor(deps: SwapperDeps) {
    this.#deps = deps;
    this.#serving = new Map(Object.entries(deps.serving) as [ComponentKey, BackendSpec][]);
  }

  serving(key: ComponentKey): BackendSpec {
    const spec = this.#serving.get(key);
    if (spec === undefined) throw new StorageError("NOT_FOUND", `component ${key} is not served`);
    return spec;
  }

  get busy(): ComponentKey | undefined {
    return this.#busy;
  }

  status(): Record<string, SwapStatus> {
    return Object.fromEntries(this.#status);
  }

  async swap(request: SwapRequest): Promise<SwapResult> {
    const { component } = request;
    const slot = this.#deps.runtime.slot(component);
    const from = this.serving(component);
    if (this.#busy !== undefined) {
      this.#count("swaps", component, "refused");
      throw new StorageError(
        "CONFLICT",
        `a swap of ${this.#busy} is in progress; request this one again once it has finished`,
        { details: { component: this.#busy } },
      );
    }
    const started = performance.now();
    const to = describeBackend(request.backend);
    if (sameSpec(from, request.backend)) {
      return { ...this.#result(request, from, slot, started), changed: false };
    }
    this.#busy = component;
    this.#status.set(component, {
      ...this.#status.get(component),
      swapping: { to, since: new Date().toISOString(), step: "open" },
    });
    this.#deps.logger.info("swap started", {
      component,
      from: describeBackend(from),
      to,
      trigger: request.trigger,
    });
    try {
      const migrated = await this.#run(request, slot, from);
      this.#serving.set(component, request.backend);
      this.#status.set(component, { last: { ok: true, at: new Date().toISOString(), to } });
      this.#count("swaps", component, "ok");
      const result = {
        ...this.#result(request, from, slot, started),
        ...(migrated === undefined ? {} : { migrated }),
      };
      this.#deps.logger.info("swap finished", { ...result });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#status.set(component, {
        last: { ok: false, at: new Date().toISOString(), to, error: message },
      });
      this.#count("swaps", component, "failed");
      this.#deps.logger.error("swap failed; the old backend keeps serving", {
        component,
        from: describeBackend(from),
        to,
        error: message,
      });
      throw error;
    } finally {
      this.#busy = undefined;
    }
  }

  #result(request: SwapRequest, from: BackendSpec, slot: ComponentSlot, started: number) {
    return {
      component: request.component,
      from: describeBackend(from),
      to: describeBackend(request.backend),
      changed: true,
      generation: slot.ref.generation,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  async #step(component: ComponentKey, step: string): Promise<void> {
    const status = this.#status.get(component);
    if (status?.swapping !== undefined) {
      this.#status.set(component, { ...status, swapping: { ...status.swapping, step } });
    }
    this.#deps.logger.info("swap step", { component, step });
    await this.#deps.onStep?.(component, step);
  }

  #count(metric: "swaps" | "migrations", component: ComponentKey, result: string): void {
    const key = `component="${component}",result="${result}"`;
    const map = this.#deps.metrics[metric];
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** Routes new calls to `next` and waits (bounded, logged) for the old generation. */
  async #route(slot: ComponentSlot, next: ServedBackend): Promise<void> {
    const ms = this.#deps.drainTimeoutMs ?? 10_000;
    const swapped = slot.ref.swap(next);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), ms);
    });
    const outcome = await Promise.race([swapped, late]).finally(() => clearTimeout(timer));
    if (outcome === "late") {
      this.#deps.logger.warn("old backend generation still has calls after the drain timeout", {
        component: slot.def.key,
        drainTimeoutMs: ms,
      });
      swapped.catch((error: unknown) =>
        this.#deps.logger.error("closing the old backend generation failed", {
          component: slot.def.key,
          error: String(error),
        }),
      );
    }
  }

  async #run(
    request: SwapRequest,
    slot: ComponentSlot,
    from: BackendSpec,
  ): Promise<MoveProgress | undefined> {
    const { component } = request;
    const { opener, state } = this.#deps;
    const namespace = slot.def.namespace;
    const next = await opener.open(request.backend, namespace).catch((error: unknown) => {
      throw unavailable(`cannot open the new backend ${describeBackend(request.backend)}`, error);
    });
    try {
      await this.#step(component, "health-check");
      await withTimeout(
        next.backend.exists("mnemo:readiness-probe"),
        HEALTH_TIMEOUT_MS,
        "the health check",
      ).catch((error: unknown) => {
        throw unavailable(
          `the new backend ${describeBackend(request.backend)} is not healthy`,
          error,
        );
      });
      // The same store (a LevelDB directory, a PostgreSQL schema): the data is already there.
      const sameStore = rootIdentity(from) === rootIdentity(request.backend);
      const oldBackend = slot.ref.current.backend;
      const hasData = !sameStore && (await holdsNamespace(oldBackend, namespace));
      if (!hasData || request.migrate === false) {
        if (hasData) {
          this.#deps.logger.warn("swap without migration: the data stays in the old backend", {
            component,
            old: describeBackend(from),
          });
        }
        await state.setServing(component, request.backend, this.#deps.configured(component));
        await this.#route(slot, new ServedBackend(slot.def, next));
        return undefined;
      }
      const mover = this.#deps.mover;
      if (mover === undefined) {
        throw new StorageError(
          "FAILED_PRECONDITION",
          `${component} holds data on ${describeBackend(from)} and this kernel cannot migrate it; swap with migrate = false to leave it behind`,
        );
      }
      return await this.#migrate(request, slot, from, next, mover);
    } catch (error) {
      await next.release();
      throw error;
    }
  }

  /** The swap with data. `next` is released by the caller if this throws before the cut-over. */
  async #migrate(
    request: SwapRequest,
    slot: ComponentSlot,
    from: BackendSpec,
    next: OpenedBackend,
    mover: DataMover,
  ): Promise<MoveProgress> {
    const { component } = request;
    const { opener, state } = this.#deps;
    const namespace = slot.def.namespace;
    // Keeps the old store open while the dual generation serves through it.
    const old = await opener.open(from, namespace);
    const before = state.record(component);
    const configured = this.#deps.configured(component);
    let move: DataMove;
    try {
      await state.setPending(component, from, request.backend, configured);
      await this.#step(component, "begin");
      move = await mover.begin(old.backend, next.backend, namespace);
    } catch (error) {
      await state.restore(component, before);
      await old.release();
      throw error;
    }
    // The dual generation releases nothing itself: `old` and `next` are handed on below.
    const through: OpenedBackend = {
      backend: old.backend,
      kind: from.kind,
      release: async () => {},
    };
    const dual = new ServedBackend(slot.def, through, (tenant) => move.serve(tenant));
    let progress: MoveProgress;
    try {
      await this.#step(component, "dual-write");
      await this.#route(slot, dual);
      await this.#step(component, "backfill");
      progress = await move.backfill();
      await this.#step(component, "verify");
      await move.verify();
      await this.#step(component, "cut-over");
      await move.cutOver();
      // The commit point: a kernel killed after this write restarts on the new backend. Until
      // the dual generation is gone, writes still reach the old store too, so going back is safe.
      await state.setServing(component, request.backend, configured);
    } catch (error) {
      // Back to the old backend alone; the dual generation drains before the copy goes.
      await this.#route(slot, new ServedBackend(slot.def, old)).catch(() => undefined);
      await move.abandon().catch((cause: unknown) =>
        this.#deps.logger.warn("removing the partial copy failed", {
          component,
          error: String(cause),
        }),
      );
      await state.restore(component, before);
      this.#count("migrations", component, "failed");
      throw error;
    }
    await this.#step(component, "drain");
    await this.#route(slot, new ServedBackend(slot.def, next));
    try {
      await move.finish();
    } catch (error) {
      this.#deps.logger.warn("deleting the old copy failed; the new backend serves", {
        component,
        error: String(error),
      });
    }
    await old.release();
    this.#count("migrations", component, "ok");
    return progress;
  }
}

function unavailable(message: string, cause: unknown): StorageError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StorageError("UNAVAILABLE", `${message}: ${reason}`, { cause });
}
