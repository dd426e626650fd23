/**
 * A new config (watched file, SIGHUP, or the start after a recorded swap) → the swaps it
 * asks for, one after the other, each component's outcome logged. Settings other than the
 * backends need a restart; the kernel says so instead of half-applying them.
 */
import type { KernelConfig } from "./config/resolve.js";
import type { Logger } from "./log.js";
import type { ComponentKey } from "./operations/define.js";
import type { Swapper, SwapRequest, SwapResult } from "./swap.js";
import type { SwapStateStore } from "./swap-state.js";

export interface AppliedSwap {
  readonly component: ComponentKey;
  readonly result?: SwapResult;
  readonly error?: string;
}

export async function applyBackends(
  swapper: Swapper,
  config: KernelConfig,
  trigger: SwapRequest["trigger"],
  logger: Logger,
  state: SwapStateStore,
): Promise<AppliedSwap[]> {
  const out: AppliedSwap[] = [];
  for (const [key, backend] of Object.entries(config.components) as [
    ComponentKey,
    (typeof config.components)[ComponentKey],
  ][]) {
    if (!wanted(swapper, state, key, backend)) continue;
    const migrate = config.migrate?.[key];
    try {
      const result = await swapper.swap({
        component: key,
        backend,
        trigger,
        ...(migrate === undefined ? {} : { migrate }),
      });
      out.push({ component: key, result });
    } catch (error) {
      // The swapper has logged why; the next component is still tried.
      out.push({ component: key, error: (error as Error).message });
    }
  }
  if (out.length === 0) logger.info("config read: no backend changed", { trigger });
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether the config asks for a swap: a swap to this backend was cut short (resume it), or
 * the config names another backend than it did at the last recorded swap (or, without a
 * record, than the one served). An admin swap stands while the config is unchanged.
 */
function wanted(
  swapper: Swapper,
  state: SwapStateStore,
  key: ComponentKey,
  backend: KernelConfig["components"][ComponentKey],
): boolean {
  const record = state.record(key);
  if (record?.pending !== undefined && same(record.pending, backend)) return true;
  if (same(swapper.serving(key), backend)) return false;
  return !same(record?.configured ?? swapper.serving(key), backend);
}
