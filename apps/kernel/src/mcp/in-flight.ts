/**
 * An `Invoker` that counts the calls it has running, so a transport closing can let them
 * finish (and their answers go out) before it releases the backends under them.
 */
import type { Invoker } from "../operations/define.js";

export interface DrainingInvoker extends Invoker {
  /** Resolves once every call started so far has settled. */
  drain(): Promise<void>;
}

export function drainingInvoker(invoker: Invoker): DrainingInvoker {
  const running = new Set<Promise<unknown>>();
  return {
    invoke(op, input, ctx, body) {
      const call = invoker.invoke(op, input, ctx, body);
      running.add(call);
      const forget = () => running.delete(call);
      call.then(forget, forget);
      return call;
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
