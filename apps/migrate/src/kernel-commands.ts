/**
 * `start --kernel` and `status --kernel`: a running kernel moves a component itself (its
 * hot swap with data migration: dual writes, backfill, verify, cut-over), which is the only
 * way a live LevelDB store can move, since one process owns a LevelDB directory. The CLI
 * asks, then follows the swap's steps until the kernel answers.
 */
import { resolve } from "node:path";
import { StorageError } from "@mnemo/core";
import type { BackendSpec } from "@mnemo/kernel/config";
import type { TenantVerifyResult } from "@mnemo/migration";
import cliProgress from "cli-progress";
import type { Io } from "./cli.js";
import { isBackendName, loadKernelConfig, requireComponent } from "./config-stores.js";
import { adminCall, type KernelTarget, parseKernelUrl } from "./kernel-client.js";
import { parseStoreUrl } from "./stores.js";

/** The steps a kernel swap reports, in order (apps/kernel/src/swap.ts, docs/kernel.md). */
export const SWAP_STEPS = [
  "open",
  "health-check",
  "begin",
  "dual-write",
  "backfill",
  "verify",
  "cut-over",
  "drain",
] as const;

export interface KernelOptions {
  kernel: string;
  token?: string;
  namespace: string;
  target?: string;
  targetConfig?: string;
  migrate?: boolean;
  json?: boolean;
}

/** The admin route's body: the keys of a `[storage.<component>]` table. */
export type SwapBody = {
  backend: "memory" | "level" | "postgres";
  path?: string;
  mode?: string;
  url?: string;
  migrate?: boolean;
};

function bodyOfSpec(spec: BackendSpec): SwapBody {
  if (spec.kind === "memory") return { backend: "memory" };
  if (spec.kind === "level") return { backend: "level", path: spec.path, mode: spec.durability };
  return { backend: "postgres", url: spec.url };
}

/** What `--target` (or `--target-config`) asks the kernel to serve the component from. */
export async function swapBody(o: KernelOptions, key: string): Promise<SwapBody> {
  if (o.targetConfig !== undefined) {
    if (o.target !== undefined)
      throw new StorageError("INVALID_ARGUMENT", "give --target or --target-config, not both");
    const config = await loadKernelConfig(o.targetConfig, "--target-config");
    return bodyOfSpec(config.components[key as keyof typeof config.components]);
  }
  if (o.target === undefined) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      "--target <level | postgres | memory | level:<dir> | postgres://…> (or --target-config) is required with --kernel",
    );
  }
  // A bare name: the kernel's own settings for it (its data directory, its PostgreSQL).
  if (isBackendName(o.target)) return { backend: o.target };
  const url = parseStoreUrl(o.target, "--target");
  if (url.kind === "memory") return { backend: "memory" };
  // The kernel may run in another directory: send the directory this shell means.
  if (url.kind === "level") return { backend: "level", path: resolve(url.path!) };
  if (url.schema !== undefined) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      "--target: with --kernel a PostgreSQL target uses the kernel's [storage.postgres] schema; drop ?schema=",
    );
  }
  return { backend: "postgres", url: url.connectionString! };
}

function kernelOf(o: KernelOptions): KernelTarget {
  return { url: parseKernelUrl(o.kernel), ...(o.token ? { token: o.token } : {}) };
}

interface Follower {
  step(step: string, seconds: number): void;
  stop(): void;
}

/** A bar over the swap's steps on a terminal; one line per new step otherwise. */
function follower(io: Io, component: string): Follower {
  const stream = io.stderr;
  let last: string | undefined;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `swap ${component} [{bar}] step {value}/{total} {step} | {seconds} s`,
        stream: stream as NodeJS.WritableStream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(SWAP_STEPS.length, 0, { step: "requested", seconds: 0 });
    return {
      step(step, seconds) {
        const at = SWAP_STEPS.indexOf(step as (typeof SWAP_STEPS)[number]);
        bar.update(at < 0 ? bar.getProgress() * SWAP_STEPS.length : at + 1, { step, seconds });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    step(step, seconds) {
      if (step === last) return;
      last = step;
      stream.write(`swap ${component}: ${step} (${seconds} s)\n`);
    },
    stop() {},
  };
}

/** Asks the kernel to move the component and follows it; prints the kernel's result. */
export async function kernelStart(
  io: Io,
  o: KernelOptions,
  confirm: (question: string) => Promise<void>,
  pollMs = 500,
): Promise<void> {
  const key = requireComponent(o.namespace);
  const kernel = kernelOf(o);
  const body = await swapBody(o, key);
  if (o.migrate === false) body.migrate = false;
  // Fails fast (unreachable, bad token, unknown component) before anything is asked.
  const serving = await adminCall(kernel, "GET", key);
  // A swap with data ends by deleting the old copy (remove-old), as `advance` asks for.
  if (o.migrate !== false) {
    await confirm(
      `move ${key} from ${String(serving.backend)} to ${body.backend}${body.url || body.path ? "" : " (the kernel's)"} and delete it from the old backend once moved`,
    );
  }
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const follow = follower(io, key);
  let done = false;
  const poll = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, pollMs));
      if (done) break;
      const status = await adminCall(kernel, "GET", key).catch(() => undefined);
      const swapping = status?.swapping as { step?: unknown } | undefined;
      if (!done && typeof swapping?.step === "string") follow.step(swapping.step, seconds());
    }
  })();
  let result: Record<string, unknown>;
  try {
    result = await adminCall(kernel, "POST", key, body);
  } finally {
    done = true;
    await poll;
    follow.stop();
  }
  if (o.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const migrated = result.migrated as { keys: number; bytes: number } | undefined;
  io.stdout.write(
    result.changed === false
      ? `${key} is already served from ${String(result.to)}; nothing to do\n`
      : `${key} moved from ${String(result.from)} to ${String(result.to)} in ${(Number(result.ms) / 1000).toFixed(2)} s${migrated ? ` (${migrated.keys} keys, ${migrated.bytes} bytes carried)` : " (no data to carry)"}\n`,
  );
}

/** What the kernel serves the component from, and how its current or last swap goes. */
export async function kernelStatus(io: Io, o: KernelOptions): Promise<void> {
  const key = requireComponent(o.namespace);
  const status = await adminCall(kernelOf(o), "GET", key);
  if (o.json) {
    io.stdout.write(`${JSON.stringify(status)}\n`);
    return;
  }
  const swapping = status.swapping as { to?: string; step?: string; since?: string } | false;
  const last = status.last as { ok: boolean; at: string; to: string; error?: string } | undefined;
  const lines = [
    `${key}: served from ${String(status.backend)}`,
    swapping
      ? `  swapping to ${swapping.to} since ${swapping.since}: step ${swapping.step}`
      : "  no swap running",
    last
      ? `  last swap ${last.ok ? "ok" : "FAILED"} at ${last.at} to ${last.to}${last.error ? `: ${last.error}` : ""}`
      : "  no swap since the kernel started",
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * `verify --kernel`: the kernel compares the backend serving the component with the store
 * `--target` names (the kernel alone can read a LevelDB directory it serves from); the
 * results are those of the CLI's own verify.
 */
export async function kernelVerify(
  o: KernelOptions,
  tenants: readonly string[] | undefined,
): Promise<TenantVerifyResult[]> {
  const key = requireComponent(o.namespace);
  const { migrate: _, ...where } = await swapBody(o, key);
  const result = await adminCall(
    kernelOf(o),
    "POST",
    key,
    { ...where, ...(tenants === undefined ? {} : { tenants }) },
    "verify",
  );
  return result.tenants as TenantVerifyResult[];
}

/**
 * `advance` and `rollback` step through a migration the CLI runs; a kernel runs its swap
 * whole (dual-write → backfill → verify → cut-over) and goes back to the old backend by
 * itself when a step fails, so there is no phase of it to advance or roll back. Each says
 * what to run instead; the kernel is not asked anything.
 */
const INSTEAD_OF_KERNEL = {
  advance:
    "a kernel runs every phase of a move in one swap: start it with mnemo-migrate start --kernel URL --namespace COMPONENT --target …, and follow it with status --kernel",
  rollback:
    "a kernel rolls a failed swap back by itself (the old backend keeps serving) and a finished one is undone by moving back: mnemo-migrate start --kernel URL --namespace COMPONENT --target <the old backend>; status --kernel shows how the last swap went",
  "verify --repair":
    "a kernel's store changes only through its swaps: compare with verify --kernel (no --repair), then move the component with start --kernel",
} as const;

/** The refusal of `<command> --kernel`: a usage error (exit 2) naming what to run instead. */
export function refuseWithKernel(command: keyof typeof INSTEAD_OF_KERNEL): never {
  throw new StorageError(
    "INVALID_ARGUMENT",
    `${command} does not take --kernel: ${INSTEAD_OF_KERNEL[command]}`,
    { details: { command } },
  );
}
