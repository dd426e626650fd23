/**
 * `export` and `import`: a store (or some namespaces) to a file and back, streaming, with
 * optional gzip (node:zlib). Import verifies the whole file before writing anything.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { StorageError } from "@mnemo/core";
import { exportStore, IMPORT_MODES, type ImportMode, importStore } from "@mnemo/migration";
import { type Command, Option } from "commander";
import type { Io } from "./cli.js";
import { withStores } from "./cli.js";

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

export function exportCommand(program: Command, io: Io): void {
  program
    .command("export")
    .description("write a store (or some namespaces) to a portable, verified export file")
    .requiredOption("--source <url>", "the store to export: level:<dir>, postgres://…")
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
        source: string;
        out: string;
        namespace?: string[];
        tenant?: string[];
        gzip?: boolean;
        json?: boolean;
      }) =>
        withStores({ source: o.source }, async ({ source, names }) => {
          const partial = `${o.out}.partial`;
          let records = 0;
          let bytes = 0;
          const started = performance.now();
          const stream = Readable.from(
            exportStore(source!, {
              ...(o.namespace ? { namespaces: o.namespace } : {}),
              ...(o.tenant ? { tenants: o.tenant } : {}),
              ...(names.source ? { source: names.source } : {}),
              onBlock: (r, b) => {
                records = r;
                bytes = b;
              },
            }),
          );
          try {
            await (o.gzip
              ? pipeline(stream, createGzip(), createWriteStream(partial))
              : pipeline(stream, createWriteStream(partial)));
            await rename(partial, o.out);
          } catch (error) {
            await rm(partial, { force: true });
            throw error;
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
    .requiredOption("--target <url>", "the store to import into: level:<dir>, postgres://…")
    .requiredOption("--in <file>", "the export file (gzip or not)")
    .addOption(
      new Option("--mode <mode>", "what to do with keys the target holds")
        .choices([...IMPORT_MODES])
        .default("fail-if-exists"),
    )
    .option("--json", "print JSON instead of text")
    .action((o: { target: string; in: string; mode: ImportMode; json?: boolean }) =>
      withStores({ target: o.target }, async ({ target }) => {
        const result = await importStore(target!, () => readFile(o.in), { mode: o.mode });
        io.stdout.write(
          o.json
            ? `${JSON.stringify(result)}\n`
            : `imported ${result.written} of ${result.records} records (${result.skipped} skipped) from ${o.in}\n`,
        );
      }),
    );
}
