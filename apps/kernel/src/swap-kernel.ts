/**
 * The swap machinery of one kernel: the swapper, the admin route and /readyz addition, the
 * config watcher, SIGHUP's reload, and the swap a start after a recorded swap asks for.
 */
import type { BackendOpener } from "./backends/open.js";
import type { KernelConfig } from "./config/resolve.js";
import { ConfigWatcher } from "./config/watch.js";
import type { KernelMetrics } from "./http/metrics.js";
import type { KernelHttpServer } from "./http/server.js";
import type { Logger } from "./log.js";
import type { Runtime } from "./runtime.js";
import { Swapper, type SwapperDeps } from "./swap.js";
import { handleSwapAdmin } from "./swap-admin.js";
import { type AppliedSwap, applyBackends } from "./swap-apply.js";
import type { DataMover } from "./swap-move.js";
import type { SwapStateStore } from "./swap-state.js";

export interface SwapOptions {
  /** Where completed swaps are recorded (`<config>.state.json`); absent: not recorded. */
  readonly stateFile?: string;
  /** The config file SIGHUP reads again. */
  readonly configPath?: string;
  /** Also watch it: each new valid version's backends are swapped to (debounced). */
  readonly watch?: boolean;
  readonly debounceMs?: number;
  readonly mover?: DataMover;
  readonly drainTimeoutMs?: number;
  readonly onStep?: SwapperDeps["onStep"];
}

export interface Swapping {
  readonly swapper: Swapper;
  /** The swaps the start asked for (the config names another backend than the one served). */
  readonly startup: Promise<AppliedSwap[]>;
  /** Reads the config file again and applies its backends (SIGHUP). */
  reload(): Promise<void>;
  close(): void;
}

export function startSwapping(deps: {
  readonly configured: KernelConfig;
  readonly serving: KernelConfig;
  readonly runtime: Runtime;
  readonly opener: BackendOpener;
  readonly metrics: KernelMetrics;
  readonly logger: Logger;
  readonly http: KernelHttpServer;
  readonly state: SwapStateStore;
  readonly options: SwapOptions;
  /**
   * Runs first on a config read again (SIGHUP or the watcher), with what is not a backend
   * (the tokens); a throw refuses the whole change, logged, and the config in force serves.
   */
  readonly onConfig?: (config: KernelConfig) => void;
}): Swapping {
  const { options, logger } = deps;
  let config = deps.configured;
  const swapper = new Swapper({
    runtime: deps.runtime,
    opener: deps.opener,
    metrics: deps.metrics,
    logger,
    state: deps.state,
    serving: deps.serving.components,
    configured: (key) => config.components[key],
    ...(options.mover === undefined ? {} : { mover: options.mover }),
    ...(options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: options.drainTimeoutMs }),
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  });
  deps.http.mountAdmin(
    (req, res, path, method) =>
      handleSwapAdmin(
        {
          swapper,
          runtime: deps.runtime,
          opener: deps.opener,
          config: () => config,
          maxBodyBytes: config.server.maxBodyBytes,
        },
        req,
        res,
        path,
        method,
      ),
    () => ({ swaps: swapper.status() }),
  );
  const startup = applyBackends(swapper, deps.configured, "startup", logger, deps.state);
  const watcher =
    options.configPath === undefined
      ? undefined
      : new ConfigWatcher({
          path: options.configPath,
          logger,
          ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
          onConfig: async (next) => {
            try {
              deps.onConfig?.(next);
            } catch (error) {
              logger.error("config change refused; the config in force keeps serving", {
                path: options.configPath,
                error: (error as Error).message,
              });
              return;
            }
            config = next;
            await applyBackends(swapper, next, "config", logger, deps.state);
          },
        });
  if (options.watch === true) watcher?.start();
  return {
    swapper,
    startup,
    reload: async () => {
      if (watcher !== undefined) return watcher.reload();
      logger.warn("SIGHUP: no config file to read again");
    },
    close: () => watcher?.close(),
  };
}
