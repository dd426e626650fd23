/**
 * The kernel's `Invoker`: a call leases its component's backend, takes the tenant's
 * component instance for that backend generation (built on first use, cached until the
 * generation retires), runs the handler and releases the lease — after the response stream
 * ends when the result is binary or SSE, so a drain never closes a backend under a stream.
 */
import type { StorageBackend } from "@mnemo/core";
import { type Lease, LeasedRef } from "./backends/lease.js";
import type { OpenedBackend } from "./backends/open.js";
import type {
  BinaryBody,
  BinaryResult,
  CallContext,
  ComponentDef,
  ComponentKey,
  EventStreamResult,
  Invoker,
  OperationDef,
} from "./operations/define.js";

/** One backend generation of one component, with its per-tenant instances. */
export class ServedBackend<C = unknown> {
  readonly #instances = new Map<string, C>();

  /**
   * `tenantBackend` serves tenants from another handle than `opened.backend` (a swap's
   * dual-write generation); `opened` is still what `backend`, `kind` and `close` use.
   */
  constructor(
    readonly def: ComponentDef<C>,
    readonly opened: OpenedBackend,
    readonly tenantBackend?: (tenant: string) => StorageBackend,
  ) {}

  get kind(): string {
    return this.opened.kind;
  }

  get backend(): StorageBackend {
    return this.opened.backend;
  }

  instanceFor(tenant: string): C {
    let instance = this.#instances.get(tenant);
    if (instance === undefined) {
      const backend = this.tenantBackend?.(tenant) ?? this.opened.backend.forTenant(tenant);
      instance = this.def.create(backend);
      this.#instances.set(tenant, instance);
    }
    return instance;
  }

  /** Closes every instance, then gives the backend share back. */
  async close(): Promise<void> {
    const close = this.def.close;
    const instances = [...this.#instances.values()];
    this.#instances.clear();
    if (close !== undefined) await Promise.allSettled(instances.map((i) => close(i)));
    await this.opened.release();
  }
}

export class ComponentSlot<C = unknown> {
  readonly ref: LeasedRef<ServedBackend<C>>;

  constructor(
    readonly def: ComponentDef<C>,
    opened: OpenedBackend,
  ) {
    this.ref = new LeasedRef(new ServedBackend(def, opened), (served) => served.close());
  }
}

function isStreamResult(value: unknown): value is BinaryResult | EventStreamResult {
  if (value === null || typeof value !== "object") return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "binary" || kind === "sse";
}

/**
 * Releases `lease` once the stream has been read to the end, failed, or was closed early
 * (`return()`, which the HTTP layer calls when a client goes away). A generator would not
 * run its `finally` when closed before its first `next()`, so this is a plain iterator.
 */
function releasingAfter<T>(source: AsyncIterable<T>, lease: Lease<unknown>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            const step = await it.next();
            if (step.done) lease.release();
            return step;
          } catch (error) {
            lease.release();
            throw error;
          }
        },
        async return(value?: unknown) {
          lease.release();
          const step = await it.return?.(value);
          return step ?? { done: true as const, value: undefined };
        },
      };
    },
  };
}

function holdLease(result: BinaryResult | EventStreamResult, lease: Lease<unknown>) {
  if (result.kind === "binary") return { ...result, stream: releasingAfter(result.stream, lease) };
  return { ...result, events: releasingAfter(result.events, lease) };
}

export class Runtime implements Invoker {
  readonly slots: ReadonlyMap<ComponentKey, ComponentSlot>;

  // biome-ignore lint/suspicious/noExplicitAny: slots of components with different instance types
  constructor(slots: readonly ComponentSlot<any>[]) {
    this.slots = new Map(slots.map((slot) => [slot.def.key, slot]));
  }

  slot(key: ComponentKey): ComponentSlot {
    const slot = this.slots.get(key);
    if (slot === undefined) throw new Error(`component ${key} is not served`);
    return slot;
  }

  async invoke(
    // biome-ignore lint/suspicious/noExplicitAny: any operation of any component
    op: OperationDef<any, any, any>,
    input: unknown,
    ctx: CallContext,
    body?: BinaryBody,
  ): Promise<unknown> {
    const lease = this.slot(op.component).ref.acquire();
    let streaming = false;
    try {
      const instance = lease.value.instanceFor(ctx.tenant);
      const result = await op.handler(instance, input, ctx, body);
      if (isStreamResult(result)) {
        streaming = true;
        return holdLease(result, lease);
      }
      return result;
    } finally {
      if (!streaming) lease.release();
    }
  }

  /**
   * Serves `key` from `opened` from now on: new calls lease the new generation, calls in
   * flight finish on the old one, which then closes (its instances, then its backend share).
   * Issue 17's hot swap (validate, open, migrate, cut over) ends in this call.
   */
  async swap(key: ComponentKey, opened: OpenedBackend): Promise<void> {
    const slot = this.slot(key);
    await slot.ref.swap(new ServedBackend(slot.def, opened));
  }

  /** Drains and closes every component (each backend share closed once). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.slots.values()].map((slot) => slot.ref.close()));
  }
}
