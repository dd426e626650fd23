/**
 * blake3 candidates side by side: MB/s of a one-shot hash of a 1 MiB input and of a 1 GiB
 * input streamed through an incremental hasher in 1 MiB updates (the way artifacts hashes a
 * large upload), for every binding that installs as published from the npm registry without
 * a compiler or a download, beside the one @mnemo/core uses (`blake3Hex` / `createBlake3`,
 * on @napi-rs/blake-hash) and node:crypto sha256. Backend-independent: runs once.
 *
 * `blake3@3.0.0`, the native binding Mnemo used before, is not here: as published it pins
 * internal packages at 2.1.7 that the registry does not have, so it installed only with root
 * pnpm overrides (which never reach a user) and a node-gyp build. Measured beside these in
 * one run before it was dropped (issue 14, idle 2-core machine): 7199 MB/s on 1 MiB one-shot,
 * 5694 MB/s on 1 GiB streamed, where @napi-rs/blake-hash gave 7756 and 5964.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { blake3Hex, createBlake3 } from "@mnemo/core";
import { seededRandom } from "@mnemo/testing/random";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";

const MiB = 1024 * 1024;
const require = createRequire(import.meta.url);

interface Streaming {
  update(data: Uint8Array): unknown;
  finish(): unknown;
}

interface Candidate {
  readonly name: string;
  oneShot(data: Uint8Array): unknown;
  streaming(): Streaming;
}

type Loader = () => Promise<Candidate>;

/** Each loader throws when its package is not installed; the case is then skipped with a note. */
const CANDIDATES: readonly Loader[] = [
  async () => ({
    name: "@mnemo/core (on @napi-rs/blake-hash)",
    oneShot: (data) => blake3Hex(data),
    streaming: () => {
      const h = createBlake3();
      return { update: (d) => h.update(d), finish: () => h.digestHex() };
    },
  }),
  async () => {
    const napi = require("@napi-rs/blake-hash") as {
      blake3(data: Uint8Array): Uint8Array;
      Blake3Hasher: new () => { update(d: Uint8Array): unknown; digestBuffer(): Uint8Array };
    };
    return {
      name: "@napi-rs/blake-hash (N-API prebuilt)",
      oneShot: (data) => napi.blake3(data),
      streaming: () => {
        const h = new napi.Blake3Hasher();
        return { update: (d) => h.update(d), finish: () => h.digestBuffer() };
      },
    };
  },
  async () => {
    const wasm = require("blake3-wasm") as {
      hash(data: Uint8Array): Uint8Array;
      createHash(): { update(d: Uint8Array): unknown; digest(): Uint8Array; dispose(): void };
      load?: () => Promise<void>;
    };
    await wasm.load?.(); // 3.x loads its module asynchronously; 2.x synchronously on require
    const version = (require("blake3-wasm/package.json") as { version: string }).version;
    return {
      name: `blake3-wasm@${version} (WebAssembly)`,
      oneShot: (data) => wasm.hash(data),
      streaming: () => {
        // WebAssembly hashers live in the module's heap until disposed.
        const h = wasm.createHash();
        return {
          update: (d) => h.update(d),
          finish: () => {
            const digest = h.digest();
            h.dispose();
            return digest;
          },
        };
      },
    };
  },
  async () => {
    const hashWasm = (await import("hash-wasm")) as {
      createBLAKE3(): Promise<{
        init(): unknown;
        update(d: Uint8Array): unknown;
        digest(format: "binary"): Uint8Array;
      }>;
    };
    // One reusable instance: creating one is asynchronous (it instantiates the module).
    const h = await hashWasm.createBLAKE3();
    return {
      name: "hash-wasm (WebAssembly)",
      oneShot: (data) => {
        h.init();
        h.update(data);
        return h.digest("binary");
      },
      streaming: () => {
        h.init();
        return { update: (d) => h.update(d), finish: () => h.digest("binary") };
      },
    };
  },
  async () => {
    const jit = (await import("blake3-jit")) as {
      hash(data: Uint8Array): Uint8Array;
      Hasher: new () => { update(d: Uint8Array): unknown; finalize(): Uint8Array };
    };
    return {
      name: "blake3-jit (JavaScript + WebAssembly SIMD)",
      oneShot: (data) => jit.hash(data),
      streaming: () => {
        const h = new jit.Hasher();
        return { update: (d) => h.update(d), finish: () => h.finalize() };
      },
    };
  },
  async () => ({
    name: "node:crypto sha256 (reference, not blake3)",
    oneShot: (data) => createHash("sha256").update(data).digest(),
    streaming: () => {
      const h = createHash("sha256");
      return { update: (d) => h.update(d), finish: () => h.digest() };
    },
  }),
];

function input(size: number): Uint8Array {
  const random = seededRandom(7);
  return Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
}

/** MB/s of one-shot hashes of `data`, repeated for at least `minMs`. */
function oneShotRate(candidate: Candidate, data: Uint8Array, minMs: number): number {
  candidate.oneShot(data); // warm up: first call loads and compiles
  let runs = 0;
  const start = performance.now();
  while (runs < 3 || performance.now() - start < minMs) {
    candidate.oneShot(data);
    runs++;
  }
  return (runs * data.byteLength) / MiB / ((performance.now() - start) / 1000);
}

/** MB/s of `total` bytes streamed through one hasher in 1 MiB updates cycling over `pool`. */
function streamingRate(candidate: Candidate, pool: Uint8Array, total: number): number {
  const slices = pool.byteLength / MiB;
  const start = performance.now();
  const hasher = candidate.streaming();
  for (let i = 0; i < total / MiB; i++) {
    const offset = (i % slices) * MiB;
    hasher.update(pool.subarray(offset, offset + MiB));
  }
  hasher.finish();
  return total / MiB / ((performance.now() - start) / 1000);
}

export const blake3Benchmark: ComponentBenchmark = {
  component: "blake3",
  once: true,
  async run(ctx) {
    const figures: Figure[] = [];
    const oneMiB = input(MiB);
    const pool = input(16 * MiB);
    const total = ctx.quick ? 64 * MiB : 1024 * MiB;
    const totalLabel = total >= 1024 * MiB ? `${total / (1024 * MiB)} GiB` : `${total / MiB} MiB`;
    const minMs = ctx.quick ? 50 : 2000;
    let reference: { oneShot: number; streaming: number } | undefined;
    for (const load of CANDIDATES) {
      let candidate: Candidate;
      try {
        candidate = await load();
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        ctx.progress(`skipped a candidate: ${reason}`);
        continue;
      }
      ctx.progress(candidate.name);
      const oneShot = oneShotRate(candidate, oneMiB, minMs);
      const streaming = streamingRate(candidate, pool, total);
      reference ??= { oneShot, streaming };
      figures.push(
        {
          name: `${candidate.name}: 1 MiB one-shot`,
          unit: "MB/s",
          value: oneShot,
          baseline: { name: "@mnemo/core", value: reference.oneShot },
        },
        {
          name: `${candidate.name}: ${totalLabel} streamed (1 MiB updates)`,
          unit: "MB/s",
          value: streaming,
          baseline: { name: "@mnemo/core", value: reference.streaming },
        },
      );
    }
    return figures;
  },
};
