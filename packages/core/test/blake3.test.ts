import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  assertBlake3Hex,
  BLAKE3_HEX_LENGTH,
  blake3Hex,
  createBlake3,
  isBlake3Hex,
  StorageError,
} from "../src/index.js";
import { BLAKE3_TEST_VECTORS, vectorInput } from "./blake3-vectors.js";

const EMPTY = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

describe("blake3", () => {
  it("matches the published vector for the empty input", () => {
    expect(blake3Hex("")).toBe(EMPTY);
    expect(blake3Hex(new Uint8Array(0))).toBe(EMPTY);
    expect(createBlake3().digestHex()).toBe(EMPTY);
  });

  it("matches every official BLAKE3 test vector, one-shot and incremental", () => {
    expect(BLAKE3_TEST_VECTORS).toHaveLength(35);
    for (const { inputLength, hash } of BLAKE3_TEST_VECTORS) {
      const input = vectorInput(inputLength);
      expect(blake3Hex(input), `input length ${inputLength}`).toBe(hash);
      // Uneven pieces cross the 64-byte block and 1024-byte chunk boundaries.
      const hasher = createBlake3();
      for (let offset = 0; offset < inputLength; offset += 997) {
        hasher.update(input.subarray(offset, offset + 997));
      }
      expect(hasher.digestHex(), `input length ${inputLength}, incremental`).toBe(hash);
    }
  });

  it("loads the hash binding on the first hash, not on import", () => {
    // A child process, so this file's own hashing does not count.
    const script = `
      import { createRequire } from "node:module";
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((path) => path.includes("blake-hash"));
      const core = await import(${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)});
      const afterImport = loaded();
      core.jsonRecordCodec(1);
      const afterOtherUse = loaded();
      const digest = core.blake3Hex("");
      console.log(JSON.stringify({ afterImport, afterOtherUse, afterHash: loaded(), digest }));
    `;
    const tsx = createRequire(import.meta.url).resolve("tsx");
    const child = spawnSync(
      process.execPath,
      ["--import", tsx, "--input-type=module", "--eval", script],
      { encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual({
      afterImport: false,
      afterOtherUse: false,
      afterHash: true,
      digest: EMPTY,
    });
  });

  it("hashes strings as UTF-8 and agrees between one-shot and incremental", () => {
    const data = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    const hasher = createBlake3();
    for (let offset = 0; offset < data.length; offset += 65_537) {
      hasher.update(data.subarray(offset, offset + 65_537));
    }
    expect(hasher.digestHex()).toBe(blake3Hex(data));
    expect(blake3Hex("é")).toBe(blake3Hex(new Uint8Array([0xc3, 0xa9])));
    expect(blake3Hex("a")).not.toBe(blake3Hex("b"));
    expect(blake3Hex("abc")).toHaveLength(BLAKE3_HEX_LENGTH);
  });

  it("hashes only a subarray's own bytes", () => {
    const backing = new Uint8Array([9, 1, 2, 9]);
    expect(blake3Hex(backing.subarray(1, 3))).toBe(blake3Hex(new Uint8Array([1, 2])));
  });

  it("recognises digests and refuses anything else with INVALID_ARGUMENT", () => {
    expect(isBlake3Hex(EMPTY)).toBe(true);
    for (const bad of [EMPTY.toUpperCase(), EMPTY.slice(1), `${EMPTY}0`, "", 1, null]) {
      expect(isBlake3Hex(bad)).toBe(false);
      expect(() => assertBlake3Hex(bad, "contentHash")).toThrowError(StorageError);
    }
    try {
      assertBlake3Hex("nope", "contentHash");
    } catch (error) {
      expect((error as StorageError).code).toBe("INVALID_ARGUMENT");
      expect((error as StorageError).message).toContain("contentHash");
    }
  });
});
