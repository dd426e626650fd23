/**
 * Requests a transport has received and not yet answered, so closing it can let them finish
 * and their answers go out before the backends under them are released. Counted at the
 * protocol level (a request id in, a response with that id sent), because a handler's
 * promise settles a few ticks before the SDK writes its answer.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

export interface PendingRequests {
  readonly size: number;
  /** Resolves once every request received so far has been answered (or the transport closed). */
  drain(): Promise<void>;
}

const idOf = (message: JSONRPCMessage) =>
  "id" in message && message.id !== undefined ? message.id : undefined;

/**
 * Call after `server.connect(transport)`: wraps the handlers the SDK installed, so every
 * incoming request is counted until its response has been handed to the transport.
 */
export function trackPendingRequests(transport: Transport): PendingRequests {
  const pending = new Set<string | number>();
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (pending.size > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const id = idOf(message);
    if (id !== undefined && "method" in message) pending.add(id);
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    try {
      await send(message, options);
    } finally {
      const id = idOf(message);
      if (id !== undefined && !("method" in message) && pending.delete(id)) settle();
    }
  };
  const closed = transport.onclose;
  transport.onclose = () => {
    pending.clear();
    settle();
    closed?.();
  };
  return {
    get size() {
      return pending.size;
    },
    drain() {
      return pending.size === 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            waiters.push(resolve);
          });
    },
  };
}
