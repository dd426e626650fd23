/**
 * The one blake3 helper Mnemo uses (artifact content addresses, the hook-history hash chain,
 * agent-state checksums, vector index manifests). It runs on `@napi-rs/blake-hash`: the Rust
 * `blake3` crate as a prebuilt N-API binary shipped as one registry package per platform
 * (optionalDependencies), so it installs with plain npm: no compiler, no download at install.
 *
 * The binding is loaded on the first hash, not when this module is imported, so a process
 * that never hashes (the memory backend, most components) never loads it. It is loaded with
 * a synchronous `require` (the binding is CommonJS), so the API stays synchronous.
 */
import { createRequire } from "node:module";
import { describe, StorageError } from "./errors.js";

/** Length of a blake3 digest in hex characters. */
export const BLAKE3_HEX_LENGTH = 64;
const BLAKE3_HEX = /^[0-9a-f]{64}$/;
const BINDING = "@napi-rs/blake-hash";

/** The part of `@napi-rs/blake-hash` used here, declared so its types stay out of ours. */
interface Blake3Binding {
  blake3(input: string | Uint8Array): { toString(encoding: "hex"): string };
  Blake3Hasher: new () => {
    update(input: string | Uint8Array): unknown;
    digest(format: "hex"): string;
  };
}

let binding: Blake3Binding | undefined;

function loadBinding(): Blake3Binding {
  if (binding === undefined) {
    try {
      binding = createRequire(import.meta.url)(BINDING) as Blake3Binding;
    } catch (cause) {
      throw new Error(
        `blake3: ${BINDING} has no binary for ${process.platform}-${process.arch} here; reinstall dependencies (npm installs the platform's package as an optional dependency)`,
        { cause },
      );
    }
  }
  return binding;
}

/** The blake3 digest of `data` (a string is hashed as UTF-8), 64 lowercase hex characters. */
export function blake3Hex(data: Uint8Array | string): string {
  return loadBinding().blake3(data).toString("hex");
}

export interface Blake3Hasher {
  update(data: Uint8Array | string): Blake3Hasher;
  digestHex(): string;
}

/** An incremental hasher for content that arrives in chunks. */
export function createBlake3(): Blake3Hasher {
  const inner = new (loadBinding().Blake3Hasher)();
  const hasher: Blake3Hasher = {
    update(data) {
      inner.update(data);
      return hasher;
    },
    digestHex() {
      return inner.digest("hex");
    },
  };
  return hasher;
}

export function isBlake3Hex(value: unknown): value is string {
  return typeof value === "string" && BLAKE3_HEX.test(value);
}

/** Throws `INVALID_ARGUMENT` unless `value` is 64 lowercase hex characters. */
export function assertBlake3Hex(value: unknown, field = "hash"): asserts value is string {
  if (!isBlake3Hex(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must be a blake3 digest (64 lowercase hex characters), got ${describe(value)}`,
      { details: { field } },
    );
  }
}
