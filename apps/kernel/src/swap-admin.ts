/**
 * `POST /admin/components/{name}/backend` (admin scope): swap one component's backend now.
 * Body: `{ "backend": "memory" | "level" | "postgres", "path"?, "mode"?, "url"?, "migrate"? }`
 * — the keys of a `[storage.<component>]` table. A level backend without `path` uses the
 * config's data directory; a postgres one without `url` the config's `[storage.postgres]`.
 * The answer comes when the swap has finished: 200 with what was done, or the problem
 * (409 another swap runs, 422 refused, 503 the new backend is unreachable or failed).
 * `GET` on the same path says what the component is served from and how its last swap went.
 *
 * `POST /admin/components/{name}/verify` (admin scope): compares the served backend with the
 * store the body names (the same keys, no `migrate`; `tenants` to narrow it) by range
 * digests, and answers `{ component, served, against, equal, tenants: [...] }` (swap-verify.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Schema } from "effect";
import { type BackendSpec, type KernelConfig, resolveConfig } from "./config/resolve.js";
import { BackendKind, COMPONENT_KEYS, LevelMode } from "./config/schema.js";
import { readJsonBody } from "./http/body.js";
import { HttpProblem } from "./http/problem.js";
import { sendJson } from "./http/respond.js";
import { inputDecoder } from "./http/routes.js";
import type { ComponentKey } from "./operations/define.js";
import { describeBackend, type Swapper } from "./swap.js";
import { type VerifyDeps, verifyServed } from "./swap-verify.js";

const NonEmpty = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(4096));
const SwapBody = Schema.Struct({
  backend: BackendKind,
  path: Schema.optionalKey(NonEmpty),
  mode: Schema.optionalKey(LevelMode),
  url: Schema.optionalKey(NonEmpty),
  migrate: Schema.optionalKey(Schema.Boolean),
});
type SwapBody = typeof SwapBody.Type;
const decodeBody = inputDecoder(SwapBody as unknown as Schema.Codec<unknown, unknown>) as (
  input: unknown,
) => SwapBody;
const VerifyBody = Schema.Struct({
  backend: BackendKind,
  path: Schema.optionalKey(NonEmpty),
  mode: Schema.optionalKey(LevelMode),
  url: Schema.optionalKey(NonEmpty),
  tenants: Schema.optionalKey(
    Schema.Array(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256))),
  ),
});
type VerifyBody = typeof VerifyBody.Type;
const decodeVerifyBody = inputDecoder(VerifyBody as unknown as Schema.Codec<unknown, unknown>) as (
  input: unknown,
) => VerifyBody;

const ROUTE = /^\/admin\/components\/([^/]+)\/(backend|verify)$/;

/** The backend a request names, with the config's defaults (pool options, data path). */
export function specFromRequest(
  key: ComponentKey,
  body: Omit<SwapBody, "migrate">,
  config: KernelConfig,
  cwd = process.cwd(),
): BackendSpec {
  const served = Object.values(config.components).find((s) => s.kind === "postgres");
  const pg = config.postgres ?? (served?.kind === "postgres" ? served : undefined);
  const url = body.url ?? pg?.url;
  const path = body.path ?? config.levelPath;
  const resolved = resolveConfig(
    {
      storage: {
        backend: body.backend,
        ...(path === undefined ? {} : { path }),
        ...(url === undefined ? {} : { postgres: { url } }),
        [key]: { ...(body.mode === undefined ? {} : { mode: body.mode }) },
      },
    },
    "(request)",
    cwd,
  ).components[key];
  if (resolved.kind === "postgres" && pg !== undefined) {
    // The pool and isolation settings of the config's PostgreSQL, at the requested url.
    return { ...pg, url: resolved.url };
  }
  return resolved;
}

export interface SwapAdminDeps extends VerifyDeps {
  readonly swapper: Swapper;
  readonly config: () => KernelConfig;
  readonly maxBodyBytes: number;
}

/** Handles the admin paths; `false` when the path is not one of them. */
export async function handleSwapAdmin(
  deps: SwapAdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (match === null) return false;
  const name = decodeURIComponent(match[1] ?? "");
  const key = COMPONENT_KEYS.find((k) => k === name || k.replaceAll("_", "-") === name);
  if (key === undefined) {
    throw new HttpProblem("NOT_FOUND", `no component ${JSON.stringify(name.slice(0, 100))}`, {
      components: COMPONENT_KEYS,
    });
  }
  if (match[2] === "verify") {
    if (method !== "POST") {
      throw new HttpProblem("METHOD_NOT_ALLOWED", `${method} is not allowed on ${path}`);
    }
    const { tenants, ...where } = decodeVerifyBody(await readJsonBody(req, deps.maxBodyBytes));
    let against: BackendSpec;
    try {
      against = specFromRequest(key, where, deps.config());
    } catch (error) {
      throw new HttpProblem("INVALID_ARGUMENT", (error as Error).message);
    }
    sendJson(res, 200, await verifyServed(deps, key, against, tenants));
    return true;
  }
  if (method === "GET") {
    const serving = deps.swapper.serving(key);
    sendJson(res, 200, {
      component: key,
      backend: describeBackend(serving),
      kind: serving.kind,
      swapping: deps.swapper.busy === key,
      ...deps.swapper.status()[key],
    });
    return true;
  }
  if (method !== "POST") {
    throw new HttpProblem("METHOD_NOT_ALLOWED", `${method} is not allowed on ${path}`);
  }
  const body = decodeBody(await readJsonBody(req, deps.maxBodyBytes));
  const { migrate, ...where } = body;
  let backend: BackendSpec;
  try {
    backend = specFromRequest(key, where, deps.config());
  } catch (error) {
    throw new HttpProblem("INVALID_ARGUMENT", (error as Error).message);
  }
  const result = await deps.swapper.swap({
    component: key,
    backend,
    ...(migrate === undefined ? {} : { migrate }),
    trigger: "admin",
  });
  sendJson(res, 200, result);
  return true;
}
