/**
 * `pnpm pack-check [--fix] [--keep] [--no-install]`: what a new user gets from npm, checked
 * from this clone. Discovers every public package (not private in the workspace), checks its
 * manifest (`--fix` writes what can be derived), packs it, checks the tarball, installs all
 * tarballs with plain npm into a fresh project in the temporary directory and runs them
 * there (see consumer.ts). Exits non-zero on the first failing stage.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { installAndRun, uncovered } from "./consumer.js";
import { checkPackage, fixPackage } from "./manifest.js";
import { type PackedPackage, packPackage } from "./pack.js";
import { publicPackages, rootManifest } from "./workspace.js";

const { values: flags } = parseArgs({
  options: {
    fix: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "no-install": { type: "boolean", default: false },
  },
});

const started = Date.now();
const step = (title: string) =>
  console.log(`\n--> ${title}  [${((Date.now() - started) / 1000).toFixed(0)} s]`);

class CheckFailed extends Error {}

/** Thrown, not exited, so the temporary directory is still removed. */
function fail(title: string, problems: readonly string[]): never {
  throw new CheckFailed(`pack-check: ${title}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const root = await rootManifest();
  const packages = await publicPackages();
  step(`${packages.length} public packages: ${packages.map((p) => p.name).join(", ")}`);

  const manifestProblems: string[] = [];
  for (const pkg of packages) {
    const problems = flags.fix ? await fixPackage(pkg, root) : await checkPackage(pkg, root);
    manifestProblems.push(...problems.map((p) => `${pkg.path}: ${p}`));
  }
  if (manifestProblems.length > 0) {
    fail(
      `manifests${flags.fix ? " (left after --fix)" : " (pnpm pack-check --fix writes what it can)"}`,
      manifestProblems,
    );
  }
  if (flags.fix) return console.log("manifests fixed and checked");

  const missing = await uncovered(packages.map((p) => p.name));
  if (missing.length > 0)
    fail("tooling/pack-check/consumer does not use every public package", missing);

  const work = await mkdtemp(join(tmpdir(), "mnemo-pack-check-"));
  try {
    const tarballs = join(work, "tarballs");
    await mkdir(tarballs);
    step("pnpm pack (prepack builds dist/)");
    const packed: PackedPackage[] = [];
    for (const pkg of packages) packed.push(await packPackage(pkg, tarballs));
    const tarballProblems = packed.flatMap((p) =>
      p.problems.map((problem) => `${p.name}: ${problem}`),
    );
    console.log(
      packed
        .map(
          (p) =>
            `  ${p.name.padEnd(26)} ${kib(p.bytes).padStart(10)} packed, ${kib(p.unpackedBytes).padStart(10)} unpacked, ${p.files} files`,
        )
        .join("\n"),
    );
    const total = packed.reduce((sum, p) => sum + p.bytes, 0);
    console.log(`  ${"total".padEnd(26)} ${kib(total).padStart(10)} packed`);
    if (tarballProblems.length > 0) fail("tarballs", tarballProblems);
    if (flags["no-install"]) return;

    const project = join(work, "app");
    await mkdir(project);
    await installAndRun({ dir: project, tarballs: packed.map((p) => p.tarball), root, step });
    step("pack-check passed");
  } finally {
    if (flags.keep) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof CheckFailed ? `\n${error.message}` : error);
  process.exitCode = 1;
});
