/**
 * mnemo-migrate as a script uses it, on real LevelDB directories, checked by exit code and
 * output: a LevelDB→LevelDB move through every phase, a backup and restore, the bad inputs a
 * script can hit. Commands run in this process through `run` (the same code the bin calls;
 * each opens and closes its stores); the process-level exit codes are checked by spawning.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, spawned } from "./support.js";

const SEED = new URL("./fixtures/seed-level.ts", import.meta.url);

let dir: string;
const path = (name: string) => join(dir, name);
const level = (name: string) => `level:${path(name)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-cli-"));
  const seeded = await spawned([path("old"), "notes", "alice,bob", "400"], SEED);
  expect(seeded.stderr).toBe("");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("mnemo-migrate", () => {
  it("exits with its codes as a process: 0 for --help, 2 for usage, 4 for not found", async () => {
    const [help, usage, missing] = await Promise.all([
      spawned(["--help"]),
      spawned(["start", "--nope"]),
      spawned(["status", "--target", level("nothing"), "--namespace", "notes"]),
    ]);
    expect([help.code, usage.code, missing.code]).toEqual([0, EXIT.USAGE, EXIT.NOT_FOUND]);
    expect(help.stdout).toContain("Usage: mnemo-migrate");
    expect(missing.stderr).toMatch(/^mnemo-migrate: NOT_FOUND: /);
    expect(existsSync(path("nothing"))).toBe(false);
  });

  it("plans against a target not created yet without creating it", async () => {
    const sides = ["--source", level("old"), "--target", level("planned"), "--namespace", "notes"];
    const plan = await cli(["plan", ...sides, "--json"]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      keys: 800,
      targetExists: false,
      targetHoldsNamespace: false,
      migration: null,
    });
    expect((await cli(["plan", ...sides])).stdout).toContain(
      "does not exist yet; start creates it",
    );
    for (const command of ["verify", "advance", "rollback"]) {
      const run = await cli([command, ...sides, ...(command === "verify" ? [] : ["--yes"])]);
      expect([command, run.code, run.stderr]).toEqual([
        command,
        EXIT.NOT_FOUND,
        expect.stringMatching(/^mnemo-migrate: NOT_FOUND: no LevelDB store at /),
      ]);
    }
    expect(existsSync(path("planned"))).toBe(false);
  });

  it("prints --help for the program and every command, exit 0", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    for (const command of [
      "plan",
      "start",
      "status",
      "advance",
      "rollback",
      "verify",
      "export",
      "import",
    ]) {
      expect(top.stdout).toContain(command);
    }
    const start = await cli(["start", "--help"]);
    expect(start.code).toBe(0);
    expect(start.stdout).toContain("--batch-size");
  });

  it("moves a namespace LevelDB→LevelDB through every phase", async () => {
    const common = ["--source", level("old"), "--target", level("new"), "--namespace", "notes"];
    expect((await cli(["start", ...common, "--batch-size", "64"])).code).toBe(0);
    const status = await cli([
      "status",
      "--target",
      level("new"),
      "--namespace",
      "notes",
      "--json",
    ]);
    expect(JSON.parse(status.stdout).phase).toBe("dual-write");
    // Out of order: refused with its own code, and the phase stays.
    const early = await cli(["advance", ...common, "--to", "verify"]);
    expect(early.code).toBe(EXIT.REFUSED);
    expect(early.stderr).toMatch(
      /^mnemo-migrate: FAILED_PRECONDITION: cannot advance from dual-write to verify/,
    );
    for (const bad of [
      ["--batches-in-flight", "0"],
      ["--batches-in-flight", "65"],
      ["--checkpoint-every", "x"],
    ]) {
      expect((await cli(["advance", ...common, ...bad])).code).toBe(EXIT.USAGE);
    }
    expect(JSON.parse((await cli(["status", ...common.slice(2), "--json"])).stdout)).toMatchObject({
      phase: "dual-write",
    });
    const backfill = await cli([
      "advance",
      ...common,
      "--json",
      "--batches-in-flight",
      "3",
      "--checkpoint-every",
      "2",
    ]);
    expect(backfill.code).toBe(0);
    expect(backfill.stderr).toMatch(/backfill notes: 800\/800 keys/); // plain lines: not a TTY
    expect(JSON.parse(backfill.stdout.trim().split("\n").at(-1)!).backfill).toMatchObject({
      copied: 800,
      finished: true,
    });
    for (let phase = 0; phase < 4; phase++)
      expect((await cli(["advance", ...common])).code).toBe(0);
    // remove-old deletes data: not without --yes when nobody can be asked.
    const unconfirmed = await cli(["advance", ...common]);
    expect(unconfirmed.code).toBe(EXIT.REFUSED);
    expect(unconfirmed.stderr).toContain("--yes");
    expect((await cli(["advance", ...common, "--yes"])).code).toBe(0);
    const done = JSON.parse(
      (await cli(["status", "--target", level("new"), "--namespace", "notes", "--json"])).stdout,
    );
    expect(done.phase).toBe("remove-old");
    const verify = await cli([
      "verify",
      "--source",
      level("new"),
      "--target",
      level("old"),
      "--namespace",
      "notes",
    ]);
    expect(verify.code).toBe(EXIT.DIFFERENT);
    expect(verify.stdout).toContain('missing "k00000"');
  });

  it("backs a store up to a gzip file and restores it; refuses damaged files", async () => {
    const out = path("backup.mnemo.gz");
    const exported = await cli([
      "export",
      "--source",
      level("new"),
      "--out",
      out,
      "--gzip",
      "--namespace",
      "notes",
      "--json",
    ]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).records).toBe(800);
    const imported = await cli(["import", "--target", level("restored"), "--in", out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("imported 800 of 800");
    const same = await cli([
      "verify",
      "--source",
      level("new"),
      "--target",
      level("restored"),
      "--namespace",
      "notes",
    ]);
    expect(same.code).toBe(0);
    // fail-if-exists is the default; skip writes nothing new.
    expect((await cli(["import", "--target", level("restored"), "--in", out])).code).toBe(
      EXIT.REFUSED,
    );
    expect(
      (await cli(["import", "--target", level("restored"), "--in", out, "--mode", "skip"])).stdout,
    ).toContain("imported 0 of 800");

    const plain = path("backup.mnemo");
    expect((await cli(["export", "--source", level("new"), "--out", plain])).code).toBe(0);
    const bytes = await readFile(plain);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const version = Buffer.from(
      bytes.toString("latin1").replace('"format":1', '"format":9'),
      "latin1",
    );
    for (const [name, content] of [
      ["flipped", flipped],
      ["truncated", bytes.subarray(0, bytes.length - 10)],
      ["version", version],
    ] as const) {
      await writeFile(path(name), content);
      const result = await cli(["import", "--target", level(`bad-${name}`), "--in", path(name)]);
      expect(result.code, name).toBe(EXIT.CORRUPTED);
      expect(result.stderr, name).toMatch(/^mnemo-migrate: CORRUPTED: export file: /);
      // Nothing half-applied: the target holds nothing.
      const plan = await cli([
        "plan",
        "--source",
        level(`bad-${name}`),
        "--target",
        level("empty"),
        "--namespace",
        "notes",
      ]);
      expect([plan.code, plan.stderr], name).toEqual([
        EXIT.NOT_FOUND,
        expect.stringContaining(`the source has no data in namespace "notes" (it has: none)`),
      ]);
    }
  });

  it("gives scripts clear codes for bad input", async () => {
    const bad = async (args: string[], code: number, message: RegExp) => {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr, args.join(" ")).toMatch(message);
    };
    await bad(["start"], EXIT.USAGE, /required option '--namespace <name>'/);
    await bad(
      ["start", "--namespace", "notes"],
      EXIT.USAGE,
      /INVALID_ARGUMENT: --source <url> \(or --config <file>\) is required/,
    );
    await bad(["nonsense"], EXIT.USAGE, /unknown command/);
    await bad(
      ["start", "--source", "ftp://x", "--target", level("t"), "--namespace", "notes"],
      EXIT.USAGE,
      /not a store URL/,
    );
    await bad(
      ["start", "--source", level("old"), "--target", level("t"), "--namespace", "absent"],
      EXIT.NOT_FOUND,
      /NOT_FOUND: the source store has no data in namespace "absent"/,
    );
    await bad(
      ["start", "--source", level("missing-dir"), "--target", level("t"), "--namespace", "notes"],
      EXIT.NOT_FOUND,
      /NOT_FOUND/,
    );
    await bad(
      [
        "start",
        "--source",
        "postgres://nobody@127.0.0.1:1/none",
        "--target",
        level("t"),
        "--namespace",
        "notes",
      ],
      EXIT.UNAVAILABLE,
      /UNAVAILABLE/,
    );
    await bad(
      [
        "start",
        "--source",
        level("old"),
        "--target",
        level("t"),
        "--namespace",
        "notes",
        "--batch-size",
        "0",
      ],
      EXIT.USAGE,
      /positive integer/,
    );
    await bad(
      ["status", "--target", level("t"), "--namespace", "notes"],
      EXIT.NOT_FOUND,
      /no migration of namespace "notes"/,
    );
    await bad(
      ["import", "--target", level("t"), "--in", path("no-such-file")],
      EXIT.NOT_FOUND,
      /cannot read/,
    );
  });
});
