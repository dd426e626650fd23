/**
 * The composition root. Effect owns the lifecycle: each component is a Layer whose scoped
 * resource is its leased backend reference (open on build, drain and close on release); the
 * runtime is a Layer over all of them; the HTTP server is a Layer over the runtime. Closing
 * the scope releases in reverse: the server stops accepting and drains, then every
 * component drains its leases and closes its backend share, each root closing once.
 */
import { Context, Effect, Exit, Layer, Scope } from "effect";
import { Authenticator } from "./auth/tokens.js";
import { BackendOpener } from "./backends/open.js";
import type { KernelConfig } from "./config/resolve.js";
import type { TokenEntry } from "./config/schema.js";
import { KernelMetrics } from "./http/metrics.js";
import { buildOpenApi } from "./http/openapi.js";
import { RouteTable } from "./http/routes.js";
import { KernelHttpServer } from "./http/server.js";
import { Logger } from "./log.js";
import type { ComponentDef, ComponentKey } from "./operations/define.js";
import { components as allComponents } from "./operations/index.js";
import { ComponentSlot, Runtime } from "./runtime.js";
import { type SwapOptions, type Swapping, startSwapping } from "./swap-kernel.js";
import { migrationMover } from "./swap-migration.js";
import { SwapStateStore } from "./swap-state.js";

export const KERNEL_VERSION = "0.1.0";

const componentServices = new Map<ComponentKey, Context.Key<ComponentSlot, ComponentSlot>>();

/** The service key of one component's slot: `mnemo/component/<key>`. */
export function componentService(key: ComponentKey): Context.Key<ComponentSlot, ComponentSlot> {
  let service = componentServices.get(key);
  if (service === undefined) {
    service = Context.Service<ComponentSlot>(`mnemo/component/${key}`);
    componentServices.set(key, service);
  }
  return service;
}

export const RuntimeService = Context.Service<Runtime>("mnemo/Runtime");

/** One component: its backend opened (or shared) for its namespace, closed with the scope. */
export function componentLayer(
  // biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
  def: ComponentDef<any>,
  config: KernelConfig,
  opener: BackendOpener,
) {
  const spec = config.components[def.key];
  return Layer.effect(
    componentService(def.key),
    Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => new ComponentSlot(def, await opener.open(spec, def.namespace)),
        catch: (cause) => cause,
      }),
      (slot) => Effect.promise(() => slot.ref.close()),
    ),
  );
}

export interface KernelOptions {
  // biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
  readonly components?: readonly ComponentDef<any>[];
  /** Tokens added to the config's (the development token of `mnemo serve`). */
  readonly extraTokens?: readonly TokenEntry[];
  readonly logger?: Logger;
  /** Hot swap: the state file, the config file to watch, the data mover (issue 17). */
  readonly swap?: SwapOptions;
}

export interface Kernel {
  readonly url: URL;
  readonly config: KernelConfig;
  readonly runtime: Runtime;
  readonly http: KernelHttpServer;
  readonly opener: BackendOpener;
  readonly logger: Logger;
  /** Hot swaps of component backends (issue 17). */
  readonly swaps: Swapping;
  /** Stops the server, drains, closes every backend. Idempotent. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith("127.");
}

/** Refuses what must not start: an open or tokenless kernel beyond loopback. */
export function checkExposure(config: KernelConfig, extraTokens: number): void {
  if (isLoopback(config.server.host)) return;
  if (config.auth.mode === "none") {
    throw new Error(`auth = "none" is allowed only on loopback, not on ${config.server.host}`);
  }
  if (config.auth.tokens.filter((t) => t.revoked !== true).length + extraTokens === 0) {
    throw new Error(
      `server.host ${config.server.host} is not loopback and [auth] has no tokens: add one with \`mnemo token create\``,
    );
  }
}

export async function startKernel(
  config: KernelConfig,
  options: KernelOptions = {},
): Promise<Kernel> {
  const defs = options.components ?? allComponents;
  const swapState = await SwapStateStore.open(options.swap?.stateFile);
  // Components serve what a recorded swap left them on; the config's choice follows below.
  const served = swapState.served(config);
  const extraTokens = options.extraTokens ?? [];
  checkExposure(config, extraTokens.length);
  const logger = options.logger ?? new Logger(config.log.level);
  const opener = new BackendOpener();
  const routes = new RouteTable(defs);
  const openapi = JSON.stringify(buildOpenApi(defs, KERNEL_VERSION));

  const [first, ...rest] = defs.map((def) => componentLayer(def, served, opener));
  if (first === undefined) throw new Error("no component to serve");
  const componentsLayer = Layer.mergeAll(first, ...rest);
  const runtimeLayer = Layer.effect(
    RuntimeService,
    Effect.gen(function* () {
      const slots: ComponentSlot[] = [];
      for (const def of defs) slots.push(yield* componentService(def.key));
      return new Runtime(slots);
    }),
  ).pipe(Layer.provide(componentsLayer));

  const scope = Effect.runSync(Scope.make("sequential"));
  let context: Context.Context<Runtime>;
  try {
    context = await Effect.runPromise(Layer.buildWithScope(runtimeLayer, scope));
  } catch (error) {
    await Effect.runPromise(Scope.close(scope, Exit.void));
    throw error;
  }
  const runtime = Context.get(context, RuntimeService);
  const metrics = new KernelMetrics();
  const http = new KernelHttpServer({
    server: config.server,
    routes,
    runtime,
    auth: new Authenticator(config.auth, extraTokens),
    metrics,
    metricsConfig: config.metrics,
    logger,
    logRequests: config.log.requests,
    openapi,
  });
  let url: URL;
  try {
    // The server is the scope's last resource, so it is the first released.
    url = await Effect.runPromise(
      Scope.provide(scope)(
        Effect.acquireRelease(
          Effect.tryPromise({ try: () => http.listen(), catch: (cause) => cause }),
          () => Effect.promise(() => http.close()),
        ),
      ),
    );
  } catch (error) {
    await Effect.runPromise(Scope.close(scope, Exit.void));
    throw error;
  }
  const swaps = startSwapping({
    configured: config,
    serving: served,
    runtime,
    opener,
    metrics,
    logger,
    http,
    state: swapState,
    options: { mover: migrationMover, ...options.swap },
    // Revoked, removed and added tokens take effect with the file; the host cannot change.
    onConfig: (next) => {
      checkExposure({ ...next, server: config.server }, extraTokens.length);
      http.useAuthenticator(new Authenticator(next.auth, extraTokens));
    },
  });
  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    swaps,
    runtime,
    http,
    opener,
    logger,
    close: () => {
      swaps.close();
      closing ??= Effect.runPromise(Scope.close(scope, Exit.void)).finally(() => logger.flush());
      return closing;
    },
  };
}
