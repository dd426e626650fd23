/**
 * Packs every public package with pnpm (its `prepack` builds dist/; pnpm turns `workspace:`
 * and `catalog:` into versions and applies `publishConfig`), then checks what the tarball
 * holds: exactly dist/, README.md, LICENSE and package.json, every exported file present, no
 * monorepo-only condition or protocol left in the manifest, no `any` in the declarations.
 */
import { access, readdir, stat } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { anyInDeclarations, readTarball } from "./tarball.js";
import { type PublicPackage, pnpm } from "./workspace.js";

export interface PackedPackage {
  readonly name: string;
  readonly tarball: string;
  readonly bytes: number;
  readonly unpackedBytes: number;
  readonly files: number;
  readonly problems: readonly string[];
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const ALLOWED = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

function exportedFiles(exports: unknown): string[] {
  const out: string[] = [];
  const walk = (target: unknown) => {
    if (typeof target === "string") out.push(target.replace(/^\.\//, ""));
    else if (typeof target === "object" && target !== null) Object.values(target).forEach(walk);
  };
  walk(exports);
  return out;
}

const SPEC = `["']([@\\w][\\w./@-]*)["']`;
const IMPORTS = new RegExp(
  [
    `^\\s*(?:import|export)\\b[^;]*?\\bfrom\\s*${SPEC}`, // import/export ... from "x"
    `^\\s*import\\s*${SPEC}`, // import "x"
    `\\bimport\\s*\\(\\s*${SPEC}\\s*\\)`, // import("x")
    `\\brequire\\s*\\(\\s*${SPEC}\\s*\\)`, // require("x")
    `createRequire\\([^)]*\\)\\s*\\(\\s*${SPEC}\\s*\\)`, // createRequire(url)("x")
  ].join("|"),
  "gm",
);

/** The packages a compiled module imports (bare specifiers, builtins left out). */
export function importedPackages(code: string): Set<string> {
  const out = new Set<string>();
  for (const match of code.matchAll(IMPORTS)) {
    const specifier = match.slice(1).find((s) => s !== undefined)!;
    if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
    const name = specifier.startsWith("@")
      ? specifier.split("/").slice(0, 2).join("/")
      : specifier.split("/")[0]!;
    if (!builtinModules.includes(name)) out.add(name);
  }
  return out;
}

export async function packPackage(pkg: PublicPackage, destination: string): Promise<PackedPackage> {
  const before = new Set(await readdir(destination));
  await pnpm(["pack", "--pack-destination", destination], pkg.dir, true);
  const created = (await readdir(destination)).filter((f) => !before.has(f) && f.endsWith(".tgz"));
  if (created.length !== 1)
    throw new Error(`${pkg.name}: pnpm pack made ${created.length} tarballs`);
  const tarball = join(destination, created[0]!);
  const entries = await readTarball(tarball);
  const problems: string[] = [];
  const paths = new Set(entries.map((e) => e.path));
  for (const path of paths) {
    if (!ALLOWED.test(path)) problems.push(`tarball holds ${path}`);
    if (/\.(test|spec)\.[cm]?[jt]s$/.test(path) && !path.startsWith("dist/conformance/")) {
      problems.push(`tarball holds a test file ${path}`);
    }
  }
  for (const required of ["package.json", "README.md", "LICENSE"]) {
    if (!paths.has(required)) problems.push(`tarball has no ${required}`);
  }
  const manifestEntry = entries.find((e) => e.path === "package.json");
  const manifestText = manifestEntry?.content.toString("utf8") ?? "{}";
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  if (manifestText.includes("@mnemo/source"))
    problems.push("packed package.json names @mnemo/source");
  if (/"(workspace|catalog):/.test(manifestText)) {
    problems.push("packed package.json keeps a workspace: or catalog: specifier");
  }
  if (manifest.private) problems.push("packed package.json is private");
  for (const file of exportedFiles(manifest.exports)) {
    if (!paths.has(file)) problems.push(`exports names ${file}, which the tarball lacks`);
  }
  if (![...paths].some((p) => p.startsWith("dist/"))) problems.push("tarball has no dist/");
  for (const path of paths) {
    const stem = /^dist\/(.+?)(\.d\.ts|\.js|\.js\.map)$/.exec(path)?.[1];
    if (
      path.startsWith("dist/") &&
      (stem === undefined || !(await exists(join(pkg.dir, "src", `${stem}.ts`))))
    ) {
      problems.push(`${path} has no source in src/ (a stale build?)`);
    }
  }
  // Everything dist/ imports is declared, so nothing works only because npm hoisted it.
  const declared = new Set(
    ["dependencies", "peerDependencies", "optionalDependencies"].flatMap((field) =>
      Object.keys((manifest[field] ?? {}) as object),
    ),
  );
  for (const entry of entries) {
    if (!/\.(js|d\.ts)$/.test(entry.path)) continue;
    for (const name of importedPackages(entry.content.toString("utf8"))) {
      if (name !== manifest.name && !declared.has(name)) {
        problems.push(`${entry.path} imports ${name}, which package.json does not declare`);
      }
    }
  }
  for (const entry of entries) {
    if (!entry.path.endsWith(".d.ts")) continue;
    const lines = anyInDeclarations(entry.content.toString("utf8"));
    if (lines.length > 0) problems.push(`${entry.path} uses any (lines ${lines.join(", ")})`);
  }
  return {
    name: pkg.name,
    tarball,
    bytes: (await stat(tarball)).size,
    unpackedBytes: entries.reduce((sum, e) => sum + e.size, 0),
    files: entries.length,
    problems,
  };
}
