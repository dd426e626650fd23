/**
 * A new user's project: `npm init -y`, `"type": "module"`, the tarballs installed with plain
 * npm (no pnpm, no overrides, no workspace), then the consumer files run with plain `node`
 * under this Node and Node 24, the conformance suite under vitest, and `tsc` over a strict
 * nodenext TypeScript consumer.
 */
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./run.js";
import type { Manifest } from "./workspace.js";

const FIXTURES = fileURLToPath(new URL("../consumer/", import.meta.url));
/** Run with plain node; between them they must import every public package. */
const RUNTIME_FILES = ["smoke.mjs", "memory-only.mjs", "conformance.test.mjs"];
const TYPED_FILE = "consumer.ts";
const FILES = [...RUNTIME_FILES, TYPED_FILE, "tsconfig.json"];

/** The environment without what `pnpm run` adds, so npm behaves as in a user's shell. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_)/i.test(key)) env[key] = value;
  }
  return env;
}

/** The public packages the consumer files do not import (each must be used somewhere). */
export async function uncovered(names: readonly string[]): Promise<string[]> {
  const read = async (files: readonly string[]) =>
    (await Promise.all(files.map((f) => readFile(join(FIXTURES, f), "utf8")))).join("\n");
  const runtime = await read(RUNTIME_FILES);
  const typed = await read([TYPED_FILE]);
  const imports = (text: string, name: string) =>
    new RegExp(`from "${name.replace("/", "\\/")}(/[^"]*)?"`).test(text);
  const missing: string[] = [];
  for (const name of names) {
    if (!imports(runtime, name)) missing.push(`${name} (not run by ${RUNTIME_FILES.join(", ")})`);
    if (!imports(typed, name)) missing.push(`${name} (not type-checked by ${TYPED_FILE})`);
  }
  return missing;
}

export interface ConsumerOptions {
  readonly dir: string;
  readonly tarballs: readonly string[];
  readonly root: Manifest;
  readonly step: (title: string) => void;
}

export async function installAndRun({ dir, tarballs, root, step }: ConsumerOptions): Promise<void> {
  const env = userEnv();
  const sh = (command: string, args: string[]) => run(command, args, { cwd: dir, env });
  const tools = root.devDependencies as Record<string, string>;

  step(`npm init -y in ${dir}`);
  await sh("npm", ["init", "-y", "--silent"]);
  await sh("npm", ["pkg", "set", "type=module"]);
  for (const file of FILES) await copyFile(join(FIXTURES, file), join(dir, file));

  step(
    `npm install ${tarballs.length} tarballs (npm ${(await run("npm", ["--version"], { cwd: dir, env, capture: true })).trim()})`,
  );
  await sh("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    ...tarballs,
    `typescript@${tools.typescript}`,
    `@types/node@${tools["@types/node"]}`,
    `vitest@${tools.vitest}`,
  ]);

  const node24 = ["-y", "node@24"];
  for (const [label, command, prefix] of [
    [`Node ${process.version}`, process.execPath, []],
    ["Node 24", "npx", node24],
  ] as const) {
    step(`${label}: node memory-only.mjs`);
    await sh(command, [...prefix, "memory-only.mjs"]);
    step(`${label}: node smoke.mjs`);
    await sh(command, [...prefix, "smoke.mjs"]);
    step(`${label}: vitest run conformance.test.mjs`);
    await sh(command, [...prefix, "node_modules/vitest/vitest.mjs", "run"]);
  }

  step("tsc -p tsconfig.json (strict, nodenext)");
  await sh(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
}
