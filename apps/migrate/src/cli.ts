/**
 * The `mnemo-migrate` command line (commander): every command takes its stores as URLs,
 * prints what it did (or `--json`), and exits with a code from `exit-codes.ts`.
 */
import { createInterface } from "node:readline/promises";
import { describe, type StorageBackend, StorageError } from "@mnemo/core";
import {
  Migration,
  type MigrationState,
  MigrationStateStore,
  PHASES,
  requirePhase,
  type TenantVerifyResult,
  verifyStores,
} from "@mnemo/migration";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { EXIT, exitCodeOf } from "./exit-codes.js";
import { startProgress } from "./progress.js";
import { openStore, parseStoreUrl } from "./stores.js";
import { exportCommand, importCommand } from "./transfer-commands.js";

/** Where a run reads and writes: the process's streams, or a test's. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

interface StoreOptions {
  source?: string;
  target?: string;
  namespace: string;
  tenant?: string[];
  json?: boolean;
  yes?: boolean;
}

const collectTenant = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError("must be a positive integer");
  return n;
}

/** Opens the stores a command names, runs `body`, and closes them whatever happens. */
export async function withStores<T>(
  urls: { source?: string | undefined; target?: string | undefined },
  body: (stores: {
    source?: StorageBackend;
    target?: StorageBackend;
    names: { source?: string; target?: string };
  }) => Promise<T>,
): Promise<T> {
  const opened: StorageBackend[] = [];
  try {
    const names: { source?: string; target?: string } = {};
    const stores: { source?: StorageBackend; target?: StorageBackend } = {};
    for (const side of ["source", "target"] as const) {
      const text = urls[side];
      if (text === undefined) continue;
      const url = parseStoreUrl(text, `--${side}`);
      const store = await openStore(url, { create: side === "target" });
      opened.push(store);
      stores[side] = store;
      names[side] = url.display;
    }
    return await body({ ...stores, names });
  } finally {
    for (const store of opened) await store.close().catch(() => {});
  }
}

async function confirm(io: Io, question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!io.stdin.isTTY) {
    throw new StorageError(
      "FAILED_PRECONDITION",
      `${question}: pass --yes to confirm when not on a terminal`,
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim()))
      throw new StorageError("FAILED_PRECONDITION", "not confirmed");
  } finally {
    rl.close();
  }
}

function printState(io: Io, state: MigrationState, json: boolean | undefined): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(state)}\n`);
    return;
  }
  const b = state.backfill;
  const lines = [
    `namespace ${state.namespace}: phase ${state.phase} (${PHASES.indexOf(state.phase) + 1}/${PHASES.length})`,
    `  from ${state.source} to ${state.target}; tenants ${state.tenants?.join(", ") ?? "all"}; batch ${state.batchSize}`,
    `  backfill: ${b.finished ? "finished" : "not finished"}, ${b.copied} copied, ${b.skipped} skipped, ${b.bytes} bytes, ${b.done.length} tenants done${b.current ? `, at ${b.current.tenant}/${JSON.stringify(b.current.lastKey)}` : ""}`,
    `  verify: ${state.verify ? `${state.verify.equal ? "equal" : "DIFFERENT"} over ${state.verify.keys} keys` : "not run"}`,
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

function printVerify(
  io: Io,
  results: readonly TenantVerifyResult[],
  json: boolean | undefined,
): boolean {
  const equal = results.every((r) => r.equal);
  if (json) io.stdout.write(`${JSON.stringify({ equal, tenants: results })}\n`);
  else {
    for (const r of results) {
      io.stdout.write(
        `tenant ${r.tenant}: ${r.equal ? "equal" : "DIFFERENT"} (${r.keys} keys, ${r.ranges} ranges, ${r.differingRanges} differing)\n`,
      );
      for (const d of r.differing) io.stdout.write(`  ${d.kind} ${JSON.stringify(d.key)}\n`);
    }
  }
  return equal;
}

async function countKeys(store: StorageBackend, tenants: readonly string[]): Promise<number> {
  let n = 0;
  for (const tenant of tenants) for await (const _ of store.forTenant(tenant).scan()) n++;
  return n;
}

async function runBackfill(
  io: Io,
  migration: Migration,
  source: StorageBackend,
): Promise<MigrationState> {
  const total = await countKeys(
    source.forNamespace(migration.namespace),
    await migration.tenants(),
  );
  const progress = startProgress(`backfill ${migration.namespace}`, total, io.stderr);
  try {
    return await migration.backfill({
      onBatch: (p) => progress.add(p.copied + p.skipped, p.bytes),
    });
  } finally {
    progress.stop();
  }
}

function storeOptions(command: Command, sides: ("source" | "target")[]): Command {
  for (const side of sides) {
    command.requiredOption(
      `--${side} <url>`,
      `the ${side === "source" ? "old" : "new"} store: level:<dir>, postgres://… (?schema=…)`,
    );
  }
  return command
    .requiredOption("--namespace <name>", "the namespace (component) to migrate")
    .option("--json", "print JSON instead of text");
}

export function buildProgram(io: Io): Command {
  const program = new Command("mnemo-migrate")
    .description(
      "Move a Mnemo namespace from one backend to another with dual writes; verify; back up and restore.",
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();

  storeOptions(program.command("plan").description("show what start would do; changes nothing"), [
    "source",
    "target",
  ])
    .option("--tenant <id>", "only this tenant (repeatable)", collectTenant)
    .action((o: StoreOptions) =>
      withStores(o, async ({ source, target }) => {
        const ns = source!.forNamespace(o.namespace);
        const namespaces: string[] = [];
        for await (const n of source!.listNamespaces()) namespaces.push(n);
        if (!namespaces.includes(o.namespace)) {
          throw new StorageError(
            "NOT_FOUND",
            `the source has no data in namespace ${describe(o.namespace)} (it has: ${namespaces.join(", ") || "none"})`,
          );
        }
        const tenants = o.tenant ?? (await collectAll(ns.listTenants()));
        const keys = await countKeys(ns, tenants);
        const existing = await new MigrationStateStore(target!).load(o.namespace);
        const targetNamespaces = await collectAll(target!.listNamespaces());
        const plan = {
          namespace: o.namespace,
          tenants,
          keys,
          targetHoldsNamespace: targetNamespaces.includes(o.namespace),
          migration: existing?.phase ?? null,
          phases: PHASES,
        };
        io.stdout.write(
          o.json
            ? `${JSON.stringify(plan)}\n`
            : `namespace ${o.namespace}: ${keys} keys in ${tenants.length} tenants (${tenants.join(", ")})\n  target holds the namespace: ${plan.targetHoldsNamespace ? "yes (start needs --allow-non-empty)" : "no"}\n  migration: ${plan.migration ?? "none"}\n  phases: ${PHASES.join(" → ")}\n`,
        );
      }),
    );

  storeOptions(
    program.command("start").description("record a migration in the target and begin dual writes"),
    ["source", "target"],
  )
    .option("--tenant <id>", "only this tenant (repeatable); default all", collectTenant)
    .option("--batch-size <n>", "keys per backfill batch", positiveInt, 1000)
    .option("--allow-non-empty", "merge into a target that already holds the namespace")
    .action((o: StoreOptions & { batchSize: number; allowNonEmpty?: boolean }) =>
      withStores(o, async ({ source, target, names }) => {
        const migration = await Migration.start(
          { source: source!, target: target!, namespace: o.namespace },
          {
            batchSize: o.batchSize,
            allowNonEmptyTarget: o.allowNonEmpty === true,
            ...(o.tenant ? { tenants: o.tenant } : {}),
            ...(names.source ? { sourceName: names.source } : {}),
            ...(names.target ? { targetName: names.target } : {}),
          },
        );
        printState(io, migration.state, o.json);
      }),
    );

  storeOptions(
    program.command("status").description("the phase, progress and counts of a migration"),
    ["target"],
  ).action((o: StoreOptions) =>
    withStores(o, async ({ target }) => {
      printState(io, await new MigrationStateStore(target!).require(o.namespace), o.json);
    }),
  );

  storeOptions(
    program
      .command("advance")
      .description("do the current phase's work (backfill, verify), then move to the next phase"),
    ["source", "target"],
  )
    .addOption(
      new Option("--to <phase>", "refuse unless this is the next phase").choices([...PHASES]),
    )
    .option("--yes", "confirm remove-old without asking")
    .action((o: StoreOptions & { to?: string }) =>
      withStores(o, async ({ source, target }) => {
        const migration = await Migration.open({
          source: source!,
          target: target!,
          namespace: o.namespace,
        });
        const to = o.to === undefined ? undefined : requirePhase(o.to, "--to");
        let state = migration.state;
        if (state.phase === "backfill" && !state.backfill.finished) {
          // Resume (or run) the copy; the next advance moves on to verify.
          state = await runBackfill(io, migration, source!);
        } else if (state.phase === "verify" && state.verify?.equal !== true) {
          const equal = printVerify(io, await migration.verify(), o.json);
          if (!equal)
            throw new StorageError(
              "FAILED_PRECONDITION",
              "verify found differences; run verify --repair, or roll back",
            );
          state = await migration.advance(to);
        } else {
          if (state.phase === "stop-old-writes")
            await confirm(io, `delete namespace ${o.namespace} from the old store`, o.yes);
          state = await migration.advance(to);
          if (state.phase === "backfill") state = await runBackfill(io, migration, source!);
          if (state.phase === "verify") printVerify(io, await migration.verify(), o.json);
          state = migration.state;
        }
        printState(io, state, o.json);
      }),
    );

  storeOptions(
    program
      .command("rollback")
      .description("go back one phase (from dual-write: end the migration)"),
    ["source", "target"],
  )
    .option("--yes", "confirm without asking")
    .action((o: StoreOptions) =>
      withStores(o, async ({ source, target }) => {
        const migration = await Migration.open({
          source: source!,
          target: target!,
          namespace: o.namespace,
        });
        await confirm(
          io,
          `roll back the migration of ${o.namespace} from ${migration.phase}`,
          o.yes,
        );
        const state = await migration.rollback();
        if (state) printState(io, state, o.json);
        else
          io.stdout.write(
            o.json ? `${JSON.stringify({ ended: true })}\n` : `migration of ${o.namespace} ended\n`,
          );
      }),
    );

  storeOptions(
    program.command("verify").description("compare both stores by range digests (any time)"),
    ["source", "target"],
  )
    .option("--tenant <id>", "only this tenant (repeatable)", collectTenant)
    .option("--repair", "copy differing keys from the serving side, then compare again")
    .action((o: StoreOptions & { repair?: boolean }) =>
      withStores(o, async ({ source, target }) => {
        const states = new MigrationStateStore(target!);
        let results: TenantVerifyResult[];
        if ((await states.load(o.namespace)) !== undefined && o.tenant === undefined) {
          const migration = await Migration.open({
            source: source!,
            target: target!,
            namespace: o.namespace,
          });
          results = await migration.verify({ repair: o.repair === true });
        } else {
          const from = source!.forNamespace(o.namespace);
          const to = target!.forNamespace(o.namespace);
          results = [];
          for (const tenant of o.tenant ?? (await collectAll(from.listTenants()))) {
            results.push({
              tenant,
              ...(await verifyStores(from.forTenant(tenant), to.forTenant(tenant))),
            });
          }
        }
        if (!printVerify(io, results, o.json)) throw new VerifyDifferent();
      }),
    );

  exportCommand(program, io);
  importCommand(program, io);
  return program;
}

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** verify's "not equal": reported already, exits with its own code. */
class VerifyDifferent extends Error {}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: "node" });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
        ? EXIT.OK
        : EXIT.USAGE;
    }
    if (error instanceof VerifyDifferent) return EXIT.DIFFERENT;
    if (error instanceof StorageError) {
      io.stderr.write(`mnemo-migrate: ${error.code}: ${error.message}\n`);
      return exitCodeOf(error);
    }
    io.stderr.write(
      `mnemo-migrate: internal error: ${(error as Error)?.stack ?? describe(error)}\n`,
    );
    return EXIT.INTERNAL;
  }
}
