/**
 * The `mnemo-migrate` command line (commander): every command takes its stores as URLs,
 * prints what it did (or `--json`), and exits with a code from `exit-codes.ts`.
 */
import { createInterface } from "node:readline/promises";
import { describe, type StorageBackend, StorageError } from "@mnemo/core";
import {
  DEFAULT_BATCHES_IN_FLIGHT,
  DEFAULT_CHECKPOINT_EVERY,
  MAX_BATCHES_IN_FLIGHT,
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
import {
  type KernelOptions,
  kernelStart,
  kernelStatus,
  kernelVerify,
  refuseWithKernel,
} from "./kernel-commands.js";
import { startProgress } from "./progress.js";
import { printState, printVerify } from "./report.js";
import { type StoreOptions, storeOptions, withSides } from "./sides.js";
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

const collectTenant = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError("must be a positive integer");
  return n;
}

/** Checked while parsing, so a bad value is refused before anything (a phase) changes. */
function batchesInFlight(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_BATCHES_IN_FLIGHT)
    throw new InvalidArgumentError(`must be at most ${MAX_BATCHES_IN_FLIGHT}`);
  return n;
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

async function countKeys(store: StorageBackend, tenants: readonly string[]): Promise<number> {
  let n = 0;
  for (const tenant of tenants) for await (const _ of store.forTenant(tenant).scan()) n++;
  return n;
}

/** `advance`'s backfill tuning flags (per run; not recorded in the migration). */
interface BackfillFlags {
  batchesInFlight?: number;
  checkpointEvery?: number;
}

async function runBackfill(
  io: Io,
  migration: Migration,
  source: StorageBackend,
  flags: BackfillFlags,
): Promise<MigrationState> {
  const total = await countKeys(
    source.forNamespace(migration.namespace),
    await migration.tenants(),
  );
  const progress = startProgress(`backfill ${migration.namespace}`, total, io.stderr);
  try {
    return await migration.backfill({
      onBatch: (p) => progress.add(p.copied + p.skipped, p.bytes),
      ...(flags.batchesInFlight === undefined ? {} : { batchesInFlight: flags.batchesInFlight }),
      ...(flags.checkpointEvery === undefined ? {} : { checkpointEvery: flags.checkpointEvery }),
    });
  } finally {
    progress.stop();
  }
}

interface KernelFlags {
  kernel?: string;
  token?: string;
  migrate?: boolean;
}

const kernelOption = () =>
  new Option(
    "--kernel <url>",
    "a running kernel (http://127.0.0.1:7411): it moves the component itself (live, LevelDB too)",
  );
/** `--kernel` on a command a kernel has no use for: taken, so the refusal says what to do. */
const refusedKernelOption = (command: string) =>
  new Option(
    "--kernel <url>",
    `refused: a kernel runs its swap whole; the error says what to run instead of ${command}`,
  );
const tokenOption = () =>
  new Option("--token <token>", "the kernel's admin token").env("MNEMO_TOKEN");

/** The options of a --kernel run; the stores are the kernel's, so --source / --config are refused. */
function kernelFlags(o: StoreOptions & KernelFlags): KernelOptions {
  if (o.source !== undefined || o.config !== undefined) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      "with --kernel the source is what the kernel serves the component from: drop --source / --config",
    );
  }
  return {
    kernel: o.kernel!,
    namespace: o.namespace,
    ...(o.token === undefined ? {} : { token: o.token }),
    ...(o.target === undefined ? {} : { target: o.target }),
    ...(o.targetConfig === undefined ? {} : { targetConfig: o.targetConfig }),
    ...(o.migrate === false ? { migrate: false } : {}),
    ...(o.json ? { json: true } : {}),
  };
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
      withSides(
        o,
        ["source", "target"],
        async ({ source, target }, namespace) => {
          const ns = source!.forNamespace(namespace);
          const namespaces: string[] = [];
          for await (const n of source!.listNamespaces()) namespaces.push(n);
          if (!namespaces.includes(namespace)) {
            throw new StorageError(
              "NOT_FOUND",
              `the source has no data in namespace ${describe(namespace)} (it has: ${namespaces.join(", ") || "none"})`,
            );
          }
          const tenants = o.tenant ?? (await collectAll(ns.listTenants()));
          const keys = await countKeys(ns, tenants);
          // A LevelDB target not created yet: start creates it; plan leaves no directory.
          const existing = target && (await new MigrationStateStore(target).load(namespace));
          const targetNamespaces = target ? await collectAll(target.listNamespaces()) : [];
          const plan = {
            namespace: namespace,
            tenants,
            keys,
            targetExists: target !== undefined,
            targetHoldsNamespace: targetNamespaces.includes(namespace),
            migration: existing?.phase ?? null,
            phases: PHASES,
          };
          io.stdout.write(
            o.json
              ? `${JSON.stringify(plan)}\n`
              : `namespace ${namespace}: ${keys} keys in ${tenants.length} tenants (${tenants.join(", ")})\n  target holds the namespace: ${plan.targetHoldsNamespace ? "yes (start needs --allow-non-empty)" : plan.targetExists ? "no" : "no (the store does not exist yet; start creates it)"}\n  migration: ${plan.migration ?? "none"}\n  phases: ${PHASES.join(" → ")}\n`,
          );
        },
        { targetMayBeMissing: true },
      ),
    );

  storeOptions(
    program.command("start").description("record a migration in the target and begin dual writes"),
    ["source", "target"],
  )
    .option("--tenant <id>", "only this tenant (repeatable); default all", collectTenant)
    .option("--batch-size <n>", "keys per backfill batch", positiveInt, 1000)
    .option("--allow-non-empty", "merge into a target that already holds the namespace")
    .addOption(kernelOption())
    .addOption(tokenOption())
    .option("--no-migrate", "with --kernel: switch the backend and leave the data behind")
    .option("--yes", "with --kernel: confirm that the old copy is deleted once moved")
    .action((o: StoreOptions & KernelFlags & { batchSize: number; allowNonEmpty?: boolean }) =>
      o.kernel !== undefined
        ? kernelStart(io, kernelFlags(o), (question) => confirm(io, question, o.yes))
        : withSides(
            o,
            ["source", "target"],
            async ({ source, target, names }, namespace) => {
              const migration = await Migration.start(
                { source: source!, target: target!, namespace: namespace },
                {
                  batchSize: o.batchSize,
                  allowNonEmptyTarget: o.allowNonEmpty === true,
                  ...(o.tenant ? { tenants: o.tenant } : {}),
                  ...(names.source ? { sourceName: names.source } : {}),
                  ...(names.target ? { targetName: names.target } : {}),
                },
              );
              printState(io, migration.state, o.json);
            },
            { create: "target" },
          ),
    );

  storeOptions(
    program.command("status").description("the phase, progress and counts of a migration"),
    ["target"],
  )
    .addOption(kernelOption())
    .addOption(tokenOption())
    .action((o: StoreOptions & KernelFlags) =>
      o.kernel !== undefined
        ? kernelStatus(io, kernelFlags(o))
        : withSides(o, ["target"], async ({ target }, namespace) => {
            printState(io, await new MigrationStateStore(target!).require(namespace), o.json);
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
    .option(
      "--batches-in-flight <n>",
      `backfill: batches of a tenant copied at once, 1-${MAX_BATCHES_IN_FLIGHT} (default ${DEFAULT_BATCHES_IN_FLIGHT})`,
      batchesInFlight,
    )
    .option(
      "--checkpoint-every <n>",
      `backfill: batches per checkpoint commit; a killed copier redoes up to about twice this (default ${DEFAULT_CHECKPOINT_EVERY})`,
      positiveInt,
    )
    .addOption(refusedKernelOption("advance"))
    .addOption(tokenOption().hideHelp())
    .action((o: StoreOptions & KernelFlags & BackfillFlags & { to?: string }) =>
      o.kernel !== undefined
        ? refuseWithKernel("advance")
        : withSides(o, ["source", "target"], async ({ source, target }, namespace) => {
            const migration = await Migration.open({
              source: source!,
              target: target!,
              namespace: namespace,
            });
            const to = o.to === undefined ? undefined : requirePhase(o.to, "--to");
            let state = migration.state;
            if (state.phase === "backfill" && !state.backfill.finished) {
              // Resume (or run) the copy; the next advance moves on to verify.
              state = await runBackfill(io, migration, source!, o);
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
                await confirm(io, `delete namespace ${namespace} from the old store`, o.yes);
              state = await migration.advance(to);
              if (state.phase === "backfill") state = await runBackfill(io, migration, source!, o);
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
    .addOption(refusedKernelOption("rollback"))
    .addOption(tokenOption().hideHelp())
    .action((o: StoreOptions & KernelFlags) =>
      o.kernel !== undefined
        ? refuseWithKernel("rollback")
        : withSides(o, ["source", "target"], async ({ source, target }, namespace) => {
            const migration = await Migration.open({
              source: source!,
              target: target!,
              namespace: namespace,
            });
            await confirm(
              io,
              `roll back the migration of ${namespace} from ${migration.phase}`,
              o.yes,
            );
            const state = await migration.rollback();
            if (state) printState(io, state, o.json);
            else
              io.stdout.write(
                o.json
                  ? `${JSON.stringify({ ended: true })}\n`
                  : `migration of ${namespace} ended\n`,
              );
          }),
    );

  storeOptions(
    program.command("verify").description("compare both stores by range digests (any time)"),
    ["source", "target"],
  )
    .option("--tenant <id>", "only this tenant (repeatable)", collectTenant)
    .option("--repair", "copy differing keys from the serving side, then compare again")
    .addOption(
      new Option(
        "--kernel <url>",
        "a running kernel: it compares the backend serving the component with --target",
      ),
    )
    .addOption(tokenOption())
    .action(async (o: StoreOptions & KernelFlags & { repair?: boolean }) => {
      if (o.kernel === undefined) return verifyLocal(io, o);
      if (o.repair) refuseWithKernel("verify --repair");
      const results = await kernelVerify(kernelFlags(o), o.tenant);
      if (!printVerify(io, results, o.json)) throw new VerifyDifferent();
    });
  exportCommand(program, io);
  importCommand(program, io);
  return program;
}

/** verify of two stores the CLI opens (a migration's, when one is recorded). */
function verifyLocal(io: Io, o: StoreOptions & { repair?: boolean }): Promise<void> {
  return withSides(o, ["source", "target"], async ({ source, target }, namespace) => {
    const states = new MigrationStateStore(target!);
    let results: TenantVerifyResult[];
    if ((await states.load(namespace)) !== undefined && o.tenant === undefined) {
      const migration = await Migration.open({
        source: source!,
        target: target!,
        namespace: namespace,
      });
      results = await migration.verify({ repair: o.repair === true });
    } else {
      const from = source!.forNamespace(namespace);
      const to = target!.forNamespace(namespace);
      results = [];
      for (const tenant of o.tenant ?? (await collectAll(from.listTenants()))) {
        results.push({
          tenant,
          ...(await verifyStores(from.forTenant(tenant), to.forTenant(tenant))),
        });
      }
    }
    if (!printVerify(io, results, o.json)) throw new VerifyDifferent();
  });
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
