/**
 * The shape every public package's manifest must have to publish well (issue 14): exports
 * with `types` and `default` in dist/ (and, inside the monorepo only, the `@mnemo/source`
 * condition first), the same exports without that condition under `publishConfig`, files,
 * license, repository, keywords, engines, a `prepack` that builds dist/, and a LICENSE file.
 * `check` lists what is wrong; `fix` writes what can be derived (not descriptions, READMEs
 * or an export's file names).
 */
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type Manifest, type PublicPackage, REPO_ROOT } from "./workspace.js";

const SOURCE_CONDITION = "@mnemo/source";
export const FILES = ["dist", "README.md", "LICENSE"];

type Exports = Record<string, unknown>;

/** dist/ starts empty, so a file whose source is gone is never packed. */
export const CLEAN_BUILD = "rm -rf dist && ";

export function prepackScript(name: string): string {
  return `turbo run build --filter=${name}... --output-logs=errors-only`;
}

export function repositoryFor(root: Manifest, path: string): Record<string, string> {
  const repository = root.repository as { type: string; url: string } | undefined;
  if (!repository?.url) throw new Error("the root package.json needs a repository.url");
  return { type: repository.type, url: repository.url, directory: path };
}

/** The exports a published manifest has: the monorepo-only source condition dropped. */
export function publishedExports(exports: Exports): Exports {
  const out: Exports = {};
  for (const [subpath, target] of Object.entries(exports)) {
    if (typeof target === "object" && target !== null) {
      const { [SOURCE_CONDITION]: _source, ...rest } = target as Record<string, unknown>;
      out[subpath] = rest;
    } else {
      out[subpath] = target;
    }
  }
  return out;
}

function exportProblems(exports: unknown): string[] {
  if (typeof exports !== "object" || exports === null) return ["has no exports map"];
  const problems: string[] = [];
  const entries = Object.entries(exports as Exports);
  if ((exports as Exports)["./package.json"] !== "./package.json") {
    problems.push('exports has no "./package.json": "./package.json"');
  }
  for (const [subpath, target] of entries) {
    if (subpath === "./package.json") continue;
    const conditions = target as Record<string, unknown>;
    const keys = typeof target === "object" && target !== null ? Object.keys(conditions) : [];
    if (!isDeepStrictEqual(keys, [SOURCE_CONDITION, "types", "default"])) {
      problems.push(
        `exports["${subpath}"] must be { "${SOURCE_CONDITION}", "types", "default" } in that order`,
      );
      continue;
    }
    const source = String(conditions[SOURCE_CONDITION]);
    const stem = /^\.\/src\/(.+)\.ts$/.exec(source)?.[1];
    if (stem === undefined) {
      problems.push(`exports["${subpath}"]["${SOURCE_CONDITION}"] must be ./src/<name>.ts`);
      continue;
    }
    if (conditions.types !== `./dist/${stem}.d.ts` || conditions.default !== `./dist/${stem}.js`) {
      problems.push(
        `exports["${subpath}"] must point types/default at ./dist/${stem}.d.ts and ./dist/${stem}.js`,
      );
    }
  }
  return problems;
}

/** Everything wrong with one package's manifest and files. */
export async function checkPackage(pkg: PublicPackage, root: Manifest): Promise<string[]> {
  const m = pkg.manifest;
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(m.type === "module", 'must have "type": "module"');
  expect(m.license === "MIT", 'must have "license": "MIT"');
  expect(typeof m.description === "string" && m.description !== "", "needs a description");
  expect(
    Array.isArray(m.keywords) && (m.keywords as unknown[]).includes("mnemo"),
    'needs keywords, "mnemo" among them',
  );
  expect(
    isDeepStrictEqual(m.engines, root.engines),
    `engines must be the root's ${JSON.stringify(root.engines)}`,
  );
  expect(
    isDeepStrictEqual(m.repository, repositoryFor(root, pkg.path)),
    `repository must be ${JSON.stringify(repositoryFor(root, pkg.path))}`,
  );
  problems.push(...exportProblems(m.exports));
  const publishConfig = m.publishConfig as { access?: string; exports?: Exports } | undefined;
  expect(publishConfig?.access === "public", 'publishConfig.access must be "public"');
  if (typeof m.exports === "object" && m.exports !== null) {
    expect(
      isDeepStrictEqual(publishConfig?.exports, publishedExports(m.exports as Exports)),
      `publishConfig.exports must be the exports without "${SOURCE_CONDITION}"`,
    );
  }
  expect(isDeepStrictEqual(m.files, FILES), `files must be ${JSON.stringify(FILES)}`);
  const scripts = (m.scripts ?? {}) as Record<string, string>;
  expect(
    typeof scripts.build === "string" && scripts.build.startsWith(CLEAN_BUILD),
    `needs a build script that starts with "${CLEAN_BUILD}"`,
  );
  expect(
    scripts.prepack === prepackScript(m.name),
    `scripts.prepack must be "${prepackScript(m.name)}" (dist/ is built before every pack)`,
  );
  const license = await readFile(join(pkg.dir, "LICENSE"), "utf8").catch(() => undefined);
  expect(
    license === (await readFile(join(REPO_ROOT, "LICENSE"), "utf8")),
    "needs LICENSE, a copy of the root LICENSE",
  );
  const readme = await readFile(join(pkg.dir, "README.md"), "utf8").catch(() => "");
  expect(readme.length > 0, "needs a README.md");
  return problems;
}

/** `obj` with `key` set: in place when present, else right after `anchor` (or at the end). */
function setAfter(obj: Manifest, anchor: string, key: string, value: unknown): Manifest {
  if (key in obj) return { ...obj, [key]: value };
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(obj)) {
    out[k] = v;
    if (k === anchor) {
      out[key] = value;
      placed = true;
    }
  }
  if (!placed) out[key] = value;
  return out as Manifest;
}

/** Writes what `checkPackage` can derive; returns the problems left to fix by hand. */
export async function fixPackage(pkg: PublicPackage, root: Manifest): Promise<string[]> {
  let m = pkg.manifest;
  const keywords = Array.isArray(m.keywords) ? (m.keywords as string[]) : [];
  m = setAfter(
    m,
    "description",
    "keywords",
    keywords.includes("mnemo") ? keywords : ["mnemo", ...keywords],
  );
  m = setAfter(m, "type", "license", m.license ?? "MIT");
  m = setAfter(m, "license", "repository", repositoryFor(root, pkg.path));
  m = setAfter(m, "sideEffects", "engines", root.engines);
  if (typeof m.exports === "object" && m.exports !== null) {
    const exports = { ...(m.exports as Exports) };
    delete exports["./package.json"];
    exports["./package.json"] = "./package.json";
    m = { ...m, exports };
    m = setAfter(m, "exports", "publishConfig", {
      ...(m.publishConfig as object | undefined),
      access: "public",
      exports: publishedExports(exports),
    });
  }
  m = setAfter(m, "publishConfig", "files", FILES);
  const scripts = { ...((m.scripts ?? {}) as Record<string, string>) };
  if (typeof scripts.build === "string" && !scripts.build.startsWith(CLEAN_BUILD)) {
    scripts.build = `${CLEAN_BUILD}${scripts.build}`;
  }
  scripts.prepack = prepackScript(m.name);
  m = { ...m, scripts };
  await writeFile(join(pkg.dir, "package.json"), `${JSON.stringify(m, null, 2)}\n`);
  await copyFile(join(REPO_ROOT, "LICENSE"), join(pkg.dir, "LICENSE"));
  return checkPackage({ ...pkg, manifest: m }, root);
}
