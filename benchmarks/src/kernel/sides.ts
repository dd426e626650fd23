/**
 * The sides the kernel benchmarks compare (bench:kernel in main.ts, bench:kernel-turns in
 * turns.ts), built one way for both: the kernel serving sessions, the same `SessionStore`
 * opened in-process, and a bare `node:http` server answering the same call with it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import type { StorageBackend } from "@mnemo/core";
import { createToken, type Kernel, parseConfig, startKernel } from "@mnemo/kernel";
import { SessionStore } from "@mnemo/sessions";

export type BenchBackend = "memory" | "postgres";
export const DATA = { user: "ann", step: 1, tags: ["a", "b"] };
const SESSION = { id: "bench", ttlMs: 86_400_000, data: DATA };

export interface Sides {
  readonly kernel: Kernel;
  /** The kernel's URL without the trailing slash. */
  readonly base: string;
  /** The headers of a kernel call with the run's read/write token. */
  readonly auth: Record<string, string>;
  /** The in-process store (another tenant of the same backend kind). */
  readonly sessions: SessionStore;
  close(): Promise<void>;
}

/** The bench kernel's mnemo.toml: every component on `backend`, no request logs. */
export function kernelToml(backend: BenchBackend, url: string | undefined, tokens: string): string {
  const storage =
    backend === "memory"
      ? '[storage]\nbackend = "memory"'
      : `[storage]\nbackend = "postgres"\n[storage.postgres]\nurl = ${JSON.stringify(url)}\npool_size = 8`;
  return `[server]\nport = 0\n${storage}\n[log]\nrequests = false\n${tokens}`;
}

/** A kernel on `backend` and the in-process store, each holding the session "bench". */
export async function openSides(backend: BenchBackend, url?: string): Promise<Sides> {
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const token = createToken(`bench-${run}`, ["read", "write"]);
  const kernel = await startKernel(parseConfig(kernelToml(backend, url, token.toml), "bench.toml"));
  const base = kernel.url.href.replace(/\/$/, "");
  // In-process and bare server use the same backend kind, opened the same way.
  const root: StorageBackend =
    backend === "memory"
      ? await openMemoryBackend()
      : await openPostgresBackend({
          connectionString: url as string,
          poolSize: 8,
          applicationRole: "mnemo_app",
        });
  const sessions = new SessionStore(root.forNamespace("sessions").forTenant(`bench-direct-${run}`));
  await sessions.create(SESSION);
  const auth = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
  await seedKernel(base, auth);
  return {
    kernel,
    base,
    auth,
    sessions,
    close: async () => {
      await kernel.close();
      await root.close();
    },
  };
}

/** Creates the session "bench" through a kernel (an older copy too, in turns.ts). */
export async function seedKernel(base: string, auth: Record<string, string>): Promise<void> {
  await fetch(`${base}/v1/sessions`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify(SESSION),
  });
}

/**
 * The bare server: GET answers `sessions.get("bench")`, anything else updates it with the
 * body's `data`; `time` wraps the store call (main.ts measures it).
 */
export async function bareServer(
  sessions: SessionStore,
  time: <T>(call: () => Promise<T>) => Promise<T> = (call) => call(),
) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const result =
        req.method === "GET"
          ? await time(() => sessions.get("bench"))
          : await time(() =>
              sessions.update("bench", JSON.parse(Buffer.concat(chunks).toString()).data),
            );
      const text = JSON.stringify(result);
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
