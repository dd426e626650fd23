/**
 * The repository's public packages: every workspace package whose manifest is not private,
 * found through pnpm (so a package added later is checked without editing this tool).
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { pnpmCommand, run } from "./run.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type Manifest = Record<string, unknown> & { name: string; version: string };

export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute directory. */
  readonly dir: string;
  /** Directory relative to the repository root, e.g. "packages/core". */
  readonly path: string;
  readonly manifest: Manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}

export async function rootManifest(): Promise<Manifest> {
  return readManifest(REPO_ROOT);
}

export async function pnpm(args: readonly string[], cwd: string, capture = false): Promise<string> {
  const root = await rootManifest();
  const { command, prefix } = pnpmCommand(String(root.packageManager));
  return run(command, [...prefix, ...args], { cwd, capture });
}

export async function publicPackages(): Promise<PublicPackage[]> {
  const listed = JSON.parse(
    await pnpm(["ls", "--recursive", "--depth", "-1", "--json"], REPO_ROOT, true),
  ) as { name?: string; path: string; private?: boolean }[];
  const found: PublicPackage[] = [];
  for (const entry of listed) {
    if (entry.private || entry.path === REPO_ROOT.replace(/\/$/, "")) continue;
    const manifest = await readManifest(entry.path);
    if (manifest.private) continue;
    found.push({
      name: manifest.name,
      version: manifest.version,
      dir: entry.path,
      path: relative(REPO_ROOT, entry.path),
      manifest,
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
