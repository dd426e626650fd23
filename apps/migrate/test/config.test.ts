/**
 * Stores read from the kernel's mnemo.toml: a component's configured LevelDB moved to the
 * PostgreSQL a second config names, a backup and restore by component, and the errors of a
 * missing file, bad TOML, a bad key, an unknown component, stores that cannot be one.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { components } from "@mnemo/kernel";
import { COMPONENT_NAMESPACES } from "@mnemo/kernel/config";
import { postgresTestUrl } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, spawned } from "./support.js";

const SEED = new URL("./fixtures/seed-level.ts", import.meta.url);
const schema = `cli_cfg_${randomUUID().slice(0, 8)}`;
let dir: string;
const file = (name: string) => join(dir, name);

async function toml(name: string, lines: string[]): Promise<string> {
  await writeFile(file(name), `${lines.join("\n")}\n`);
  return file(name);
}

let oldToml: string;
let newToml: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-cli-config-"));
  const seeded = await spawned([file("data"), "episodic", "alice,bob", "300"], SEED);
  expect(seeded.stderr).toBe("");
  process.env.MNEMO_CLI_TEST_PG = postgresTestUrl();
  const postgres = [
    "[storage.postgres]",
    // ${VAR} as the kernel reads it.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the TOML's own interpolation
    'url = "${MNEMO_CLI_TEST_PG}"',
    `schema = "${schema}"`,
  ];
  oldToml = await toml("mnemo.toml", [
    "[storage]",
    'backend = "level"',
    `path = ${JSON.stringify(file("data"))}`,
    ...postgres,
    "[storage.event_log]",
    'backend = "postgres"',
  ]);
  newToml = await toml("next.toml", [
    "[storage]",
    'backend = "level"',
    `path = ${JSON.stringify(file("data"))}`,
    ...postgres,
    "[storage.episodic]",
    'backend = "postgres"',
  ]);
});
afterAll(async () => {
  delete process.env.MNEMO_CLI_TEST_PG;
  await rm(dir, { recursive: true, force: true });
});

describe("mnemo-migrate --config", () => {
  it("knows each component's namespace as the kernel's operations do", () => {
    for (const def of components) expect(COMPONENT_NAMESPACES[def.key]).toBe(def.namespace);
  });

  it("moves a component from its configured LevelDB to the PostgreSQL of a second config", async () => {
    const sides = ["--config", oldToml, "--target-config", newToml, "--namespace", "episodic"];
    const plan = await cli(["plan", ...sides, "--json"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ namespace: "episodic", keys: 600 });
    // A backend name means the config's own: here the PostgreSQL event_log uses.
    const byName = await cli([
      "plan",
      "--config",
      oldToml,
      "--target",
      "postgres",
      "--namespace",
      "episodic",
    ]);
    expect(byName.code, byName.stderr).toBe(0);
    expect((await cli(["start", ...sides])).code).toBe(0);
    for (let i = 0; i < 6; i++) {
      const step = await cli(["advance", ...sides, "--yes"]);
      expect(step.code, step.stderr).toBe(0);
    }
    const status = await cli([
      "status",
      "--target-config",
      newToml,
      "--namespace",
      "episodic",
      "--json",
    ]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ phase: "remove-old" });
    expect(JSON.parse(status.stdout).target).toContain(`schema=${schema}`);
    // The data is in PostgreSQL now: a backup by component, and a restore into LevelDB.
    const backup = file("episodic.mnx");
    const exported = await cli([
      "export",
      "--config",
      newToml,
      "--namespace",
      "episodic",
      "--out",
      backup,
    ]);
    expect(exported.stdout).toMatch(/^exported 600 records/);
    const restored = await cli(["import", "--config", oldToml, "--in", backup]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^imported 600 of 600 records/);
    const equal = await cli([
      "verify",
      "--source",
      `level:${file("data")}`,
      "--target-config",
      newToml,
      "--namespace",
      "episodic",
    ]);
    expect(equal.code, equal.stdout + equal.stderr).toBe(0);
  }, 60_000);

  it("reads where the kernel serves a component from its swap record, while the config stands", async () => {
    const configured = { kind: "level", path: file("data"), durability: "balanced" };
    const swapped = await toml("swapped.toml", [
      "[storage]",
      `path = ${JSON.stringify(file("data"))}`,
    ]);
    const record = (serving: unknown, at: unknown) =>
      writeFile(
        `${swapped}.state.json`,
        JSON.stringify({
          format: 1,
          components: { episodic: { serving, configured: at, at: "x" } },
        }),
      );
    const args = ["export", "--config", swapped, "--namespace", "episodic", "--out", file("s.mnx")];
    await record({ kind: "level", path: file("moved"), durability: "balanced" }, configured);
    const served = await cli(args);
    expect(served.code).toBe(EXIT.NOT_FOUND);
    expect(served.stderr).toContain(file("moved"));
    // Written against another config: the config's backend again.
    await record(
      { kind: "level", path: file("moved"), durability: "balanced" },
      { kind: "memory" },
    );
    expect((await cli(args)).stdout).toMatch(/^exported 600 records/);
  });

  it("says what is wrong with a config, with exit codes", async () => {
    const badToml = await toml("bad.toml", ["[storage", 'backend = "level"']);
    const badKey = await toml("badkey.toml", [
      "[storage]",
      'backend = "level"',
      "[storage.episodic]",
      'backend = "redis"',
    ]);
    const noPg = await toml("nopg.toml", ["[storage]", `path = ${JSON.stringify(file("data2"))}`]);
    const ns = ["--namespace", "episodic"];
    const cases: [string[], number, RegExp][] = [
      [
        ["plan", "--config", file("absent.toml"), "--target", "level:/tmp/x", ...ns],
        EXIT.NOT_FOUND,
        /NOT_FOUND: --config: no config file .*absent\.toml/,
      ],
      [
        ["plan", "--config", badToml, "--target", "level:/tmp/x", ...ns],
        EXIT.USAGE,
        /INVALID_ARGUMENT: --config .*bad\.toml: \(toml\): .*\(bad\.toml:1\)/,
      ],
      [
        ["plan", "--config", badKey, "--target", "level:/tmp/x", ...ns],
        EXIT.USAGE,
        /storage\.episodic\.backend: expected .*got "redis" \(badkey\.toml:4\)/,
      ],
      [
        ["plan", "--config", oldToml, "--target", "level:/tmp/x", "--namespace", "notes"],
        EXIT.NOT_FOUND,
        /no component "notes" .*components: vector_embeddings, episodic/,
      ],
      [
        ["plan", "--config", noPg, "--target", "postgres", ...ns],
        EXIT.USAGE,
        /configures no PostgreSQL/,
      ],
      [
        ["plan", "--config", oldToml, "--target", "level", ...ns],
        EXIT.REFUSED,
        /episodic is already stored in level:/,
      ],
      [
        ["plan", "--config", oldToml, ...ns],
        EXIT.USAGE,
        /--target <url \| level \| postgres> or --target-config <file> is required/,
      ],
      [
        ["export", "--config", oldToml, ...ns, "--namespace", "event_log", "--out", file("x.mnx")],
        EXIT.USAGE,
        /episodic is stored in level:.* and event_log in postgres:.*one file is one store/,
      ],
      [
        ["export", "--config", oldToml, "--source", "level:/tmp/x", ...ns, "--out", file("x.mnx")],
        EXIT.USAGE,
        /give --source <url> or --config <file> \(one of them\)/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr, args.join(" ")).toMatch(message);
    }
  });
});
