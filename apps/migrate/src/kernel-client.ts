/**
 * A running kernel's admin API over HTTP: `GET`/`POST /admin/components/{name}/backend` and
 * `POST …/verify` (apps/kernel/src/swap-admin.ts, docs/kernel.md). node:http rather than fetch: a swap's
 * POST answers only when the whole migration is done, and fetch gives up on headers after
 * 300 s. Failures become `StorageError`s, so the CLI's exit codes apply.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { describe, StorageError, type StorageErrorCode } from "@mnemo/core";

export interface KernelTarget {
  readonly url: URL;
  readonly token?: string;
}

/** `--kernel`: an http(s) base URL. */
export function parseKernelUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new StorageError("INVALID_ARGUMENT", `--kernel: ${describe(text)} is not a URL`, {
      cause,
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `--kernel: ${describe(text)} must be http:// or https://`,
    );
  }
  return url;
}

const BY_STATUS: Record<number, StorageErrorCode> = {
  400: "INVALID_ARGUMENT",
  401: "PERMISSION_DENIED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "INVALID_ARGUMENT",
  422: "FAILED_PRECONDITION",
  503: "UNAVAILABLE",
};

/**
 * One admin call on `/admin/components/{component}/{resource}`; resolves with the JSON body
 * of a 2xx answer, throws the problem otherwise.
 */
export function adminCall(
  kernel: KernelTarget,
  method: "GET" | "POST",
  component: string,
  body?: unknown,
  resource: "backend" | "verify" = "backend",
): Promise<Record<string, unknown>> {
  const url = new URL(
    `admin/components/${encodeURIComponent(component)}/${resource}`,
    withSlash(kernel.url),
  );
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { accept: "application/json" };
  if (kernel.token !== undefined) headers.authorization = `Bearer ${kernel.token}`;
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(payload.byteLength);
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (cause) => reject(unreachable(kernel, cause)));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300 && parsed !== null && typeof parsed === "object") {
          resolve(parsed as Record<string, unknown>);
          return;
        }
        reject(problem(kernel, status, parsed, text));
      });
    });
    req.on("error", (cause) => reject(unreachable(kernel, cause)));
    req.end(payload);
  });
}

function withSlash(url: URL): URL {
  return url.pathname.endsWith("/") ? url : new URL(`${url.href}/`);
}

function unreachable(kernel: KernelTarget, cause: Error): StorageError {
  return new StorageError(
    "UNAVAILABLE",
    `cannot reach the kernel at ${kernel.url.origin}: ${cause.message}`,
    {
      cause,
    },
  );
}

function problem(kernel: KernelTarget, status: number, body: unknown, text: string): StorageError {
  const p = (body ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
  const detail =
    typeof p.detail === "string"
      ? p.detail
      : typeof p.title === "string"
        ? p.title
        : text.slice(0, 200);
  const code = BY_STATUS[status] ?? (status >= 500 ? "UNAVAILABLE" : "INVALID_ARGUMENT");
  const hint =
    status === 401
      ? " (pass an admin token with --token or MNEMO_TOKEN)"
      : status === 403
        ? " (the token needs the admin scope)"
        : "";
  return new StorageError(
    code,
    `the kernel at ${kernel.url.origin} answered ${status}: ${detail}${hint}`,
    {
      details: {
        httpStatus: status,
        ...(typeof p.code === "string" ? { kernelCode: p.code } : {}),
      },
    },
  );
}
