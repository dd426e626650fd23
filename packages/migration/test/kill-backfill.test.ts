/**
 * SIGKILL the migrator at random points of the backfill, over and over, with live writes
 * and deletes (through dualWrite) between the kills: every time it resumes from its
 * checkpoint, and at the end both sides are equal to a plain model: nothing lost, nothing
 * brought back. LevelDB on both sides, child processes as real migrators.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import type { StorageBackend } from "@mnemo/core";
import { CHILD_CWD, scriptArgs, seededRandom, selectedBackends } from "@mnemo/testing";
import { afterAll, describe, expect, it } from "vitest";
import { Migration } from "../src/index.js";

const CHILD = new URL("./fixtures/backfill-child.ts", import.meta.url);
const NS = "notes";
const TENANTS = ["t1", "t2"];
/**
 * Enough batches (300 a lane) that a lane is not done before its kills: a kill lands some
 * batches after the line that called for it (the pipe, the signal), and a fast machine
 * finished 1,200 keys a tenant with one kill to go.
 */
const KEYS = 3000;
const BATCH = 20;
const KILLS = Number(process.env.MNEMO_MIGRATION_KILLS ?? (process.env.CI ? 20 : 8));
const LANES = 2;

const key = (i: number) => `k${String(i).padStart(5, "0")}`;
const encode = (text: string) => new TextEncoder().encode(text);

/** Runs the child until it has printed `batches` batch lines, then SIGKILLs it. */
function killAfter(args: string[], batches: number): Promise<{ killed: boolean; batches: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptArgs(CHILD, args), {
      cwd: CHILD_CWD,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = 0;
    let stderr = "";
    let killed = false;
    let buffered = "";
    child.stdout.on("data", (chunk) => {
      buffered += String(chunk);
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("batch ") && ++seen >= batches && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL" || code === 0)
        resolve({ killed: signal === "SIGKILL", batches: seen });
      else reject(new Error(`migrator exited ${code}: ${stderr}`));
    });
  });
}

async function dump(store: StorageBackend, tenant: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const [k, v] of store.forNamespace(NS).forTenant(tenant).scan())
    out.set(k, new TextDecoder().decode(v));
  return out;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe.runIf(selectedBackends().includes("level"))("backfill under SIGKILL", () => {
  it(`resumes after ${KILLS} kills and ends equal to the model`, async () => {
    const lanes = await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const dir = await mkdtemp(join(tmpdir(), "mnemo-kill-"));
        dirs.push(dir);
        const paths = { source: join(dir, "old"), target: join(dir, "new") };
        const model = new Map<string, Map<string, string>>(TENANTS.map((t) => [t, new Map()]));
        const source = await openLevelBackend({ path: paths.source });
        const target = await openLevelBackend({ path: paths.target });
        for (const tenant of TENANTS) {
          const entries = Array.from(
            { length: KEYS },
            (_, i) => [key(i), `${tenant}/${i}/seed`] as const,
          );
          await source
            .forNamespace(NS)
            .forTenant(tenant)
            .setBatch(entries.map(([k, v]) => [k, encode(v)] as const));
          for (const [k, v] of entries) model.get(tenant)!.set(k, v);
        }
        const migration = await Migration.start(
          { source, target, namespace: NS },
          { batchSize: BATCH },
        );
        await migration.advance("backfill");
        await source.close();
        await target.close();
        return { lane, paths, model, random: seededRandom(1000 + lane) };
      }),
    );

    const runLane = async ({ lane, paths, model, random }: (typeof lanes)[number]) => {
      let kills = 0;
      for (let round = 0; kills < Math.ceil(KILLS / LANES); round++) {
        const outcome = await killAfter(
          [paths.source, paths.target, NS],
          1 + Math.floor(random() * 4),
        );
        if (outcome.killed) kills++;
        else break; // finished before the kill
        // Live traffic between kills, through the migration's dualWrite handles.
        const source = await openLevelBackend({ path: paths.source, createIfMissing: false });
        const target = await openLevelBackend({ path: paths.target, createIfMissing: false });
        const migration = await Migration.open({ source, target, namespace: NS });
        for (let n = 0; n < 6; n++) {
          const tenant = TENANTS[Math.floor(random() * TENANTS.length)]!;
          const k = key(Math.floor(random() * (KEYS + 100)));
          const live = migration.dualWrite(tenant);
          if (random() < 0.4) {
            await live.delete(k);
            model.get(tenant)!.delete(k);
          } else {
            const v = `${tenant}/${k}/lane${lane}-round${round}-${n}`;
            await live.set(k, encode(v));
            model.get(tenant)!.set(k, v);
          }
        }
        await source.close();
        await target.close();
      }
      // Let the last migrator run to the end.
      const last = await killAfter([paths.source, paths.target, NS], Number.POSITIVE_INFINITY);
      expect(last.killed).toBe(false);
      const source = await openLevelBackend({ path: paths.source, createIfMissing: false });
      const target = await openLevelBackend({ path: paths.target, createIfMissing: false });
      try {
        const migration = await Migration.open({ source, target, namespace: NS });
        expect(migration.state.backfill.finished).toBe(true);
        await migration.advance("verify");
        const results = await migration.verify();
        expect(
          results.every((r) => r.equal),
          JSON.stringify(results),
        ).toBe(true);
        for (const tenant of TENANTS) {
          expect(Object.fromEntries(await dump(target, tenant))).toEqual(
            Object.fromEntries(model.get(tenant)!),
          );
        }
        // Resumed, not restarted: far fewer keys copied than one full copy per kill.
        const { copied, skipped } = migration.state.backfill;
        expect(copied + skipped).toBeLessThan(TENANTS.length * (KEYS + 100) + kills * BATCH * 2);
      } finally {
        await source.close();
        await target.close();
      }
      return kills;
    };
    const kills = await Promise.all(lanes.map(runLane));
    expect(kills.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(KILLS);
  }, 600_000);
});
