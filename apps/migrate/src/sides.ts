/**
 * The stores a command names (`--source`, `--target`, `--config`, `--namespace`) and how
 * they are opened: each command's options, and one place that opens and closes them.
 */
import { type StorageBackend, StorageError } from "@mnemo/core";
import type { Command } from "commander";
import { resolveSides } from "./config-stores.js";
import { openStore, type StoreUrl } from "./stores.js";

export interface StoreOptions {
  source?: string;
  target?: string;
  config?: string;
  targetConfig?: string;
  namespace: string;
  tenant?: string[];
  json?: boolean;
  yes?: boolean;
}

/** Which sides a command may create (an empty LevelDB directory), or may find missing. */
export interface OpenSides {
  readonly create?: "target";
  /** `plan`: a target not created yet is an answer (`target` stays undefined), not an error. */
  readonly targetMayBeMissing?: boolean;
}

/**
 * Opens the stores a command names, runs `body`, and closes them whatever happens. Only the
 * commands that write a new store (`start`, `import`) create one: any other meets a missing
 * LevelDB directory with NOT_FOUND, and leaves no empty directory behind.
 */
export async function withStores<T>(
  urls: { source?: StoreUrl | undefined; target?: StoreUrl | undefined },
  body: (stores: {
    source?: StorageBackend;
    target?: StorageBackend;
    names: { source?: string; target?: string };
  }) => Promise<T>,
  sides: OpenSides = {},
): Promise<T> {
  const opened: StorageBackend[] = [];
  try {
    const names: { source?: string; target?: string } = {};
    const stores: { source?: StorageBackend; target?: StorageBackend } = {};
    for (const side of ["source", "target"] as const) {
      const url = urls[side];
      if (url === undefined) continue;
      const create = sides.create === side;
      names[side] = url.display;
      const store = await openStore(url, { create }).catch((cause: unknown) => {
        if (side === "target" && sides.targetMayBeMissing && StorageError.is(cause, "NOT_FOUND"))
          return undefined;
        throw cause;
      });
      if (store === undefined) continue;
      opened.push(store);
      stores[side] = store;
    }
    return await body({ ...stores, names });
  } finally {
    for (const store of opened) await store.close().catch(() => {});
  }
}

/**
 * Resolves a command's stores (URLs or config files, see config-stores.ts), opens them and
 * runs `body` with the namespace they resolved to.
 */
export async function withSides<T>(
  o: StoreOptions,
  need: readonly ("source" | "target")[],
  body: (
    stores: {
      source?: StorageBackend;
      target?: StorageBackend;
      names: { source?: string; target?: string };
    },
    namespace: string,
  ) => Promise<T>,
  open: OpenSides = {},
): Promise<T> {
  const sides = await resolveSides(o, need);
  return withStores(sides, (stores) => body(stores, sides.namespace), open);
}

export function storeOptions(command: Command, sides: ("source" | "target")[]): Command {
  for (const side of sides) {
    command.option(
      `--${side} <url>`,
      side === "source"
        ? "the old store: level:<dir>, postgres://… (?schema=…); default with --config: the component's"
        : "the new store: level:<dir>, postgres://… (?schema=…), or with --config a backend name (level, postgres)",
    );
  }
  command.option(
    "--config <file>",
    "the kernel's mnemo.toml: --namespace is a component, its backend the source",
  );
  if (sides.includes("target"))
    command.option(
      "--target-config <file>",
      "a second mnemo.toml: the component's backend there is the target",
    );
  return command
    .requiredOption(
      "--namespace <name>",
      "the namespace to migrate (with --config: a component, as event_log)",
    )
    .option("--json", "print JSON instead of text");
}
