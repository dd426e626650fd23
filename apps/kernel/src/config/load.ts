/**
 * mnemo.toml → `KernelConfig`: smol-toml parses, `${VAR}` is interpolated, the Effect Schema
 * checks (unknown keys refused), then defaults are filled in. Every error names the key path
 * and the file's line: `storage.sessions.backend: expected "memory" | "level" | "postgres",
 * got "redis" (mnemo.toml:12)`. Values of secret keys are never quoted back.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import { parse, TomlError } from "smol-toml";
import { InterpolationError, interpolate } from "./interpolate.js";
import { lineOf } from "./locate.js";
import { ConfigError, type KernelConfig, resolveConfig } from "./resolve.js";
import { ConfigFile } from "./schema.js";

const decode = Schema.decodeUnknownExit(ConfigFile, { onExcessProperty: "error", errors: "all" });
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();
const SECRET_KEYS = new Set(["url", "hash", "password"]);

export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export async function loadConfigFile(
  path: string,
  options: LoadOptions = {},
): Promise<KernelConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError([], `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseConfig(text, basename(path), options);
}

/** Checks a TOML text; throws a `ConfigError` (its message lists every problem found). */
export function parseConfig(text: string, name: string, options: LoadOptions = {}): KernelConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split("\n")[0] ?? error.message;
      throw new ConfigError(["(toml)"], first, `${name}:${error.line}`);
    }
    throw error;
  }
  const at = (path: readonly (string | number)[]) => {
    const line = lineOf(text, path);
    return line === undefined ? name : `${name}:${line}`;
  };
  let value: unknown;
  try {
    value = interpolate(raw, options.env ?? process.env);
  } catch (error) {
    if (error instanceof InterpolationError) {
      throw new ConfigError(error.path, error.message, at(error.path));
    }
    throw error;
  }
  const exit = decode(value);
  if (Exit.isFailure(exit)) {
    const error = Cause.squash(exit.cause) as { issue: SchemaIssue.Issue };
    const problems = formatIssues(error.issue).issues.map((issue) => {
      const path = (issue.path ?? []).map((p) =>
        typeof p === "object" ? (p as { key: PropertyKey }).key : p,
      ) as (string | number)[];
      return new ConfigError(path, describeIssue(issue.message, path, value), at(path));
    });
    throw problems.length === 1 ? problems[0] : new ConfigErrors(problems);
  }
  try {
    return resolveConfig(exit.value, name, options.cwd ?? process.cwd());
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(error.path, error.reason, at(error.path));
    throw error;
  }
}

function describeIssue(message: string, path: readonly (string | number)[], root: unknown): string {
  if (message === "Expected no excess property") return "unknown key";
  const text = message.charAt(0).toLowerCase() + message.slice(1);
  const last = path[path.length - 1];
  if (typeof last === "string" && SECRET_KEYS.has(last)) return text;
  const got = valueAt(root, path);
  return got === undefined ? text : `${text}, got ${JSON.stringify(got)?.slice(0, 80)}`;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let here = root;
  for (const key of path) {
    if (here === null || typeof here !== "object" || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** Several problems at once, one per line. */
export class ConfigErrors extends ConfigError {
  constructor(readonly problems: readonly ConfigError[]) {
    super(problems[0]?.path ?? [], problems[0]?.reason ?? "", problems[0]?.location);
    this.message = problems.map((p) => p.message).join("\n");
  }
}
