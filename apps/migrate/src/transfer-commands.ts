/**
 * `export` and `import`: a store (or some namespaces) to a file and back, streaming, with
 * optional gzip (node:zlib). Import verifies the whole file before writing anything.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { type StorageBackend, StorageError } from "@mnemo/core";
import {
  exportStore,
  IMPORT_MODES,
  type ImportMode,
  importStore,
  readExport,
} from "@mnemo/migration";
import { type Command, Option } from "commander";
import type { Io } from "./cli.js";
import {
  loadKernelConfig,
  namespaceOf,
  requireComponent,
  sameStore,
  servedSpec,
  storeOfSpec,
} from "./config-stores.js";
import { reopeningExport } from "./level-export.js";
import { withStores } from "./sides.js";
import { parseStoreUrl, type StoreUrl } from "./stores.js";

const collectValue = (value: string, previous: string[] = []) => [...previous, value];

/** The file's bytes, gunzipped when it starts with gzip's magic. */
async function* readFile(path: string): AsyncGenerator<Buffer> {
  const probe = createReadStream(path, { start: 0, end: 1 });
  let magic = Buffer.alloc(0);
  try {
    for await (const chunk of probe) magic = Buffer.concat([magic, chunk as Buffer]);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new StorageError(
      code === "ENOENT" ? "NOT_FOUND" : "UNAVAILABLE",
      `cannot read ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const file = createReadStream(path);
  const gz = magic[0] === 0x1f && magic[1] === 0x8b;
  const stream = gz ? file.pipe(createGunzip()) : file;
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (cause) {
    if (gz)
      throw new StorageError(
        "CORRUPTED",
        `export file: the gzip stream is damaged (${(cause as Error).message})`,
        { cause },
      );
    throw cause;
  }
}

/**
 * The one store an export reads or an import writes: `--source`/`--target` as a URL, or with
 * `--config` the backend of the named components (namespaces of a file, for import), which
 * must all live in one store: an export file comes from one store and goes to one.
 */
async function withConfigStore<T>(
  o: { source?: string; target?: string; config?: string },
  side: "source" | "target",
  names: readonly string[] | undefined,
  body: (opened: {
    store: StorageBackend;
    url: StoreUrl;
    name: string;
    namespaces?: string[];
  }) => Promise<T>,
): Promise<T> {
  const given = o[side];
  if ((given === undefined) === (o.config === undefined)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `give --${side} <url> or --config <file> (one of them)`,
    );
  }
  let url: StoreUrl;
  let namespaces = names === undefined ? undefined : [...names];
  if (o.config === undefined) url = parseStoreUrl(given!, `--${side}`);
  else {
    if (names === undefined || names.length === 0) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        "--config needs --namespace <component> (repeatable)",
      );
    }
    const config = await loadKernelConfig(o.config);
    const keys = names.map(requireComponent);
    const urls: StoreUrl[] = [];
    for (const key of keys) urls.push(storeOfSpec(await servedSpec(o.config, config, key)));
    const first = urls[0]!;
    const other = urls.findIndex((u) => u.display !== first.display && !sameStore(u, first));
    if (other >= 0) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `${keys[0]} is stored in ${first.display} and ${keys[other]} in ${urls[other]!.display}: one file is one store; run one ${side === "source" ? "export" : "import"} per store`,
      );
    }
    url = first;
    namespaces = keys.map(namespaceOf);
  }
  return withStores(
    { [side]: url },
    (stores) =>
      body({ store: stores[side]!, url, name: url.display, ...(namespaces ? { namespaces } : {}) }),
    side === "target" ? { create: "target" } : {},
  );
}

/** The namespaces an export file's header names (import checks the whole file later). */
async function headerNamespaces(path: string): Promise<string[]> {
  for await (const event of readExport(readFile(path))) {
    if (event.type === "header") return [...event.header.namespaces];
  }
  return [];
}

export function exportCommand(program: Command, io: Io): void {
  program
    .command("export")
    .description("write a store (or some namespaces) to a portable, verified export file")
    .option("--source <url>", "the store to export: level:<dir>, postgres://…")
    .option(
      "--config <file>",
      "the kernel's mnemo.toml: export the --namespace components from their backend",
    )
    .requiredOption("--out <file>", "the export file to write (written whole, then renamed)")
    .option(
      "--namespace <name>",
      "only this namespace (repeatable); default the whole store",
      collectValue,
    )
    .option("--tenant <id>", "only this tenant (repeatable)", collectValue)
    .option("--gzip", "compress the file with gzip")
    .option("--json", "print JSON instead of text")
    .action(
      (o: {
        source?: string;
        config?: string;
        out: string;
        namespace?: string[];
        tenant?: string[];
        gzip?: boolean;
        json?: boolean;
      }) =>
        withConfigStore(o, "source", o.namespace, async ({ store, url, name, namespaces }) => {
          const partial = `${o.out}.partial`;
          const source = reopeningExport(store, url);
          let records = 0;
          let bytes = 0;
          const started = performance.now();
          const stream = Readable.from(
            exportStore(store, {
              ...(namespaces ? { namespaces } : {}),
              ...source.options,
              ...(o.tenant ? { tenants: o.tenant } : {}),
              source: name,
              onBlock: (r, b) => {
                records = r;
                bytes = b;
              },
            }),
            // One buffer ahead of the file (a block is up to ~1 MiB), not 16.
            { highWaterMark: 1 },
          );
          try {
            await (o.gzip
              ? pipeline(stream, createGzip(), createWriteStream(partial))
              : pipeline(stream, createWriteStream(partial)));
            await rename(partial, o.out);
          } catch (error) {
            await rm(partial, { force: true });
            throw error;
          } finally {
            await source.close();
          }
          const seconds = (performance.now() - started) / 1000;
          const summary = { file: o.out, records, bytes, seconds: Number(seconds.toFixed(3)) };
          io.stdout.write(
            o.json
              ? `${JSON.stringify(summary)}\n`
              : `exported ${records} records (${bytes} bytes) to ${o.out} in ${summary.seconds} s\n`,
          );
        }),
    );
}

export function importCommand(program: Command, io: Io): void {
  program
    .command("import")
    .description(
      "load an export file into a store (any backend), verified before anything is written",
    )
    .option("--target <url>", "the store to import into: level:<dir>, postgres://…")
    .option(
      "--config <file>",
      "the kernel's mnemo.toml: import into the backend of the file's components",
    )
    .requiredOption("--in <file>", "the export file (gzip or not)")
    .addOption(
      new Option("--mode <mode>", "what to do with keys the target holds")
        .choices([...IMPORT_MODES])
        .default("fail-if-exists"),
    )
    .option("--json", "print JSON instead of text")
    .action(
      async (o: {
        target?: string;
        config?: string;
        in: string;
        mode: ImportMode;
        json?: boolean;
      }) => {
        // With --config, the file's own namespaces say which components (and so which store).
        const namespaces = o.config === undefined ? undefined : await headerNamespaces(o.in);
        await withConfigStore(o, "target", namespaces, async ({ store: target }) => {
          const result = await importStore(target, () => readFile(o.in), { mode: o.mode });
          io.stdout.write(
            o.json
              ? `${JSON.stringify(result)}\n`
              : `imported ${result.written} of ${result.records} records (${result.skipped} skipped) from ${o.in}\n`,
          );
        });
      },
    );
}
