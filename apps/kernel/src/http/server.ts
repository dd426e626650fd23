/**
 * The HTTP front of the kernel, on plain `node:http`: the request path is a route lookup, a
 * token hash, one schema decode, the lease and the handler — no per-request Effect fiber,
 * which the earlier attempt measured at half the bare server's throughput. Effect owns the
 * lifecycle around it (see kernel.ts): the server is a scoped resource whose release stops
 * accepting, drains requests in flight and closes connections.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Authenticator, Principal } from "../auth/tokens.js";
import { grants } from "../auth/tokens.js";
import type { ServerConfig } from "../config/resolve.js";
import type { Logger } from "../log.js";
import type { CallContext, Invoker, Scope } from "../operations/define.js";
import type { Runtime } from "../runtime.js";
import { binaryBody, readJsonBody } from "./body.js";
import { readiness } from "./health.js";
import type { KernelMetrics } from "./metrics.js";
import { HttpProblem, problemOf, sendProblem } from "./problem.js";
import { isBinaryResult, isEventStream, sendBinary, sendEvents, sendJson } from "./respond.js";
import { define, type RouteTable, readQuery } from "./routes.js";

/** What a handler mounted at /mcp gets: the caller's tenant, scopes, and the invoker. */
export interface TenantContext {
  readonly tenant: string;
  readonly scopes: ReadonlySet<Scope>;
  readonly requestId: string;
  readonly signal: AbortSignal;
  readonly invoker: Invoker;
}

/** Handles `/admin/...` after the admin scope was checked; `false`: not its path (404). */
export type AdminHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
) => Promise<boolean>;

export type McpHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: TenantContext,
) => Promise<void>;

export interface HttpServerDeps {
  readonly server: ServerConfig;
  readonly routes: RouteTable;
  readonly runtime: Runtime;
  readonly auth: Authenticator;
  readonly metrics: KernelMetrics;
  readonly metricsConfig: { readonly enabled: boolean; readonly requireAdmin: boolean };
  readonly logger: Logger;
  readonly logRequests: boolean;
  readonly openapi: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request ids: a random per-process prefix and a counter (unique, and cheaper than a UUID). */
const ID_PREFIX = randomBytes(6).toString("base64url");
let idCounter = 0;
const nextRequestId = () => `${ID_PREFIX}-${(++idCounter).toString(36)}`;

export class KernelHttpServer {
  readonly #deps: HttpServerDeps;
  readonly #server: Server;
  readonly #shutdown = new AbortController();
  #mcp: McpHandler | undefined;
  #admin: AdminHandler | undefined;
  #readyExtra: (() => Record<string, unknown>) | undefined;
  #active = 0;
  #idle: (() => void) | undefined;
  /** Replaced by `useAuthenticator` when the config file is read again. */
  #auth: Authenticator;

  constructor(deps: HttpServerDeps) {
    this.#deps = deps;
    this.#auth = deps.auth;
    this.#server = createServer(
      {
        requestTimeout: deps.server.requestTimeoutMs,
        headersTimeout: deps.server.headersTimeoutMs,
        keepAliveTimeout: deps.server.keepAliveTimeoutMs,
      },
      (req, res) => void this.#handle(req, res),
    );
  }

  /** Mounts the MCP transport (written in src/mcp/) at `/mcp`; unmounted, /mcp is 404. */
  mountMcp(handler: McpHandler): void {
    this.#mcp = handler;
  }

  /** Mounts `/admin/...` (the swap routes) and what /readyz adds to its body. */
  mountAdmin(handler: AdminHandler, readyExtra?: () => Record<string, unknown>): void {
    this.#admin = handler;
    this.#readyExtra = readyExtra;
  }

  listen(): Promise<URL> {
    const { host, port } = this.#deps.server;
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, host, () => {
        this.#server.off("error", reject);
        const address = this.#server.address() as AddressInfo;
        const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
        resolve(new URL(`http://${shown}:${address.port}`));
      });
    });
  }

  /** Stops accepting, ends event streams, waits for requests in flight (bounded), closes. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    this.#shutdown.abort();
    if (this.#active > 0) {
      const drained = new Promise<void>((resolve) => {
        this.#idle = resolve;
      });
      const timeout = new Promise<void>((resolve) =>
        setTimeout(resolve, this.#deps.server.shutdownTimeoutMs).unref(),
      );
      await Promise.race([drained, timeout]);
    }
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const incoming = req.headers["x-request-id"];
    const requestId =
      typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : nextRequestId();
    res.setHeader("x-request-id", requestId);
    const { metrics } = this.#deps;
    metrics.inFlight++;
    this.#active++;
    const labels = {
      component: "kernel",
      operation: "unknown",
      tenant: undefined as string | undefined,
    };
    // A response closes once: `on`, not `once`, spares a wrapper per request.
    res.on("close", () => {
      metrics.inFlight--;
      const seconds = (performance.now() - started) / 1000;
      metrics.record(labels.component, labels.operation, res.statusCode, seconds);
      if (this.#deps.logRequests) {
        this.#deps.logger.info("request", {
          requestId,
          method: req.method,
          operation: labels.operation,
          status: res.statusCode,
          ms: Math.round(seconds * 1e5) / 100,
          ...(labels.tenant === undefined ? {} : { tenant: labels.tenant }),
        });
      }
      if (--this.#active === 0) this.#idle?.();
    });
    try {
      await this.#dispatch(req, res, requestId, labels);
    } catch (error) {
      const problem = problemOf(error, requestId);
      if (problem.status >= 500 && problem.code !== "UNAVAILABLE" && problem.code !== "CLOSED") {
        this.#deps.logger.error("request failed", {
          requestId,
          operation: labels.operation,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
      // A body left unread would be drained before the next request: close instead.
      if (!req.complete) res.shouldKeepAlive = false;
      sendProblem(res, problem, error);
    }
  }

  async #dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    labels: { component: string; operation: string; tenant: string | undefined },
  ): Promise<void> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? "" : url.slice(q + 1);
    const method = req.method ?? "GET";

    if (!path.startsWith("/v1/")) {
      return this.#kernelRoute(req, res, path, method, requestId, labels);
    }
    const match = this.#deps.routes.match(method, path);
    if (match === undefined)
      throw new HttpProblem("ROUTE_NOT_FOUND", `no route ${method} ${path.slice(0, 200)}`);
    if (match === "method")
      throw new HttpProblem(
        "METHOD_NOT_ALLOWED",
        `${method} is not allowed on ${path.slice(0, 200)}`,
      );
    const { route, params } = match;
    labels.component = route.op.component;
    labels.operation = route.op.name;
    const principal = this.#authorize(req, route.op.scope);
    labels.tenant = principal.tenant;

    let input: Record<string, unknown>;
    if (route.bodyFields === "json") {
      input = await readJsonBody(req, this.#deps.server.maxBodyBytes);
      for (const [name, value] of Object.entries(params)) {
        if (Object.hasOwn(input, name)) {
          throw new HttpProblem("INVALID_ARGUMENT", `${name}: given in the path, not the body`, {
            field: name,
          });
        }
        define(input, name, value);
      }
      if (search !== "") {
        throw new HttpProblem(
          "INVALID_ARGUMENT",
          "this operation takes its input in the JSON body, not the query string",
        );
      }
    } else {
      input = params;
      readQuery(route, search, input);
    }
    const decoded = route.decode(input);
    const streaming = route.op.body === "binary" || route.op.response !== undefined;
    const ctx: CallContext = {
      tenant: principal.tenant,
      requestId,
      signal: streaming ? this.#requestSignal(req, res) : this.#shutdown.signal,
    };
    const body =
      route.op.body === "binary" ? binaryBody(req, this.#deps.server.maxUploadBytes) : undefined;
    if (
      body === undefined &&
      route.bodyFields === "none" &&
      req.headers["content-length"] !== undefined &&
      req.headers["content-length"] !== "0"
    ) {
      throw new HttpProblem("INVALID_ARGUMENT", `${method} ${route.template} takes no body`);
    }
    const result = await this.#deps.runtime.invoke(route.op, decoded, ctx, body);
    if (isBinaryResult(result)) return sendBinary(res, result);
    if (isEventStream(result)) return sendEvents(res, result, ctx.signal, requestId);
    sendJson(res, 200, result);
  }

  /** Aborted when the client goes away or the kernel shuts down. */
  #requestSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
    const controller = new AbortController();
    const abort = () => controller.abort();
    res.once("close", abort);
    req.once("aborted", abort);
    this.#shutdown.signal.addEventListener("abort", abort, { once: true });
    res.once("close", () => this.#shutdown.signal.removeEventListener("abort", abort));
    return controller.signal;
  }

  /**
   * The tokens of a config read again: every request from now on, on a kept-alive connection
   * too (what a connection proved is remembered per Authenticator), is checked against them.
   */
  useAuthenticator(auth: Authenticator): void {
    this.#auth = auth;
  }

  #authorize(req: IncomingMessage, scope: Scope): Principal {
    const principal = this.#auth.authenticate(req.headers.authorization, req.socket);
    if (principal === undefined) {
      throw new HttpProblem(
        "UNAUTHENTICATED",
        "a valid bearer token is required",
        {},
        {
          "www-authenticate": 'Bearer realm="mnemo"',
        },
      );
    }
    if (!grants(principal.scopes, scope)) {
      throw new HttpProblem("FORBIDDEN", `this operation needs the ${scope} scope`, { scope });
    }
    return principal;
  }

  async #kernelRoute(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    method: string,
    requestId: string,
    labels: { operation: string; tenant: string | undefined },
  ): Promise<void> {
    const read = method === "GET" || method === "HEAD";
    if (path === "/livez" && read) {
      labels.operation = "livez";
      return sendJson(res, 200, { status: "ok" });
    }
    if (path === "/readyz" && read) {
      labels.operation = "readyz";
      const { ready, body } = await readiness(this.#deps.runtime);
      if (!ready) res.setHeader("retry-after", "1");
      return sendJson(res, ready ? 200 : 503, { ...body, ...this.#readyExtra?.() });
    }
    if (path === "/openapi.json" && read) {
      labels.operation = "openapi";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(this.#deps.openapi);
      return;
    }
    if (path === "/metrics" && read && this.#deps.metricsConfig.enabled) {
      labels.operation = "metrics";
      if (this.#deps.metricsConfig.requireAdmin) this.#authorize(req, "admin");
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(this.#deps.metrics.render(this.#deps.runtime));
      return;
    }
    if (path.startsWith("/admin/") && this.#admin !== undefined) {
      labels.operation = "admin";
      labels.tenant = this.#authorize(req, "admin").tenant;
      if (await this.#admin(req, res, path, method)) return;
    }
    if ((path === "/mcp" || path.startsWith("/mcp/")) && this.#mcp !== undefined) {
      labels.operation = "mcp";
      const principal = this.#authorize(req, "read");
      labels.tenant = principal.tenant;
      return this.#mcp(req, res, {
        tenant: principal.tenant,
        scopes: principal.scopes,
        requestId,
        signal: this.#requestSignal(req, res),
        invoker: this.#deps.runtime,
      });
    }
    throw new HttpProblem("ROUTE_NOT_FOUND", `no route ${method} ${path.slice(0, 200)}`);
  }
}
