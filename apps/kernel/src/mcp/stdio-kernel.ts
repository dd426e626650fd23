/**
 * What `mnemo mcp --config mnemo.toml` runs: every component of the config on its backend
 * (the kernel's runtime, built from the same Layers as `startKernel`, without the HTTP
 * server: a desktop client's child process opens no port), served over stdio as one tenant.
 */
import type { Readable, Writable } from "node:stream";
import { Context, Effect, Exit, Layer, Scope } from "effect";
import { BackendOpener } from "../backends/open.js";
import type { KernelConfig } from "../config/resolve.js";
import { componentLayer, componentService, RuntimeService } from "../kernel.js";
import type { ComponentDef, Scope as TokenScope } from "../operations/define.js";
import { components as allComponents } from "../operations/index.js";
import { type ComponentSlot, Runtime } from "../runtime.js";
import type { McpServerOptions } from "./server.js";
import { type McpStdioServer, serveMcpStdio } from "./stdio.js";

export interface OpenedRuntime {
  readonly runtime: Runtime;
  /** Drains every component and closes its backend, once. */
  close(): Promise<void>;
}

/** The kernel's runtime over `config`'s backends, with no HTTP server. */
export async function openRuntime(
  config: KernelConfig,
  // biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
  defs: readonly ComponentDef<any>[] = allComponents,
): Promise<OpenedRuntime> {
  const opener = new BackendOpener();
  const [first, ...rest] = defs.map((def) => componentLayer(def, config, opener));
  if (first === undefined) throw new Error("no component to serve");
  const layer = Layer.effect(
    RuntimeService,
    Effect.gen(function* () {
      const slots: ComponentSlot[] = [];
      for (const def of defs) slots.push(yield* componentService(def.key));
      return new Runtime(slots);
    }),
  ).pipe(Layer.provide(Layer.mergeAll(first, ...rest)));
  const scope = Effect.runSync(Scope.make("sequential"));
  let context: Context.Context<Runtime>;
  try {
    context = await Effect.runPromise(Layer.buildWithScope(layer, scope));
  } catch (error) {
    await Effect.runPromise(Scope.close(scope, Exit.void));
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    runtime: Context.get(context, RuntimeService),
    close: () => {
      closing ??= Effect.runPromise(Scope.close(scope, Exit.void));
      return closing;
    },
  };
}

export interface McpStdioConfigOptions extends Omit<McpServerOptions, "invoker"> {
  /** Default: the config's `tenant` (the tenant of `auth = "none"`). */
  readonly tenant?: string;
  readonly scope?: TokenScope;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
}

/**
 * Serves `config` over stdio until the client closes stdin; then lets the calls in flight
 * answer and closes the backends. Resolves when everything is closed.
 */
export async function runMcpStdio(
  config: KernelConfig,
  options: McpStdioConfigOptions = {},
): Promise<void> {
  const tenant = options.tenant ?? (config.auth.mode === "none" ? config.auth.tenant : undefined);
  if (tenant === undefined) {
    throw new Error(
      'mnemo mcp: no tenant: set `tenant = "…"` with `auth = "none"` in the config, or pass one',
    );
  }
  const opened = await openRuntime(config);
  let server: McpStdioServer;
  try {
    server = await serveMcpStdio({ ...options, invoker: opened.runtime, tenant });
  } catch (error) {
    await opened.close();
    throw error;
  }
  await server.closed;
  await opened.close();
}
