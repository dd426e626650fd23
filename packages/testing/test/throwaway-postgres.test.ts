/**
 * startThrowawayPostgres: a server of its own that stops, starts and restarts with its data,
 * and leaves nothing behind, also when it cannot start. Each test initialises a server
 * (about 3-5 s here), so the file takes about 15 s.
 */
import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort, startThrowawayPostgres } from "../src/index.js";

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function leftovers(prefix: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
}

describe("startThrowawayPostgres", () => {
  it("keeps its data and URL across stop, start and restart; destroy removes its directory", async () => {
    const prefix = `mnemo-pg-test-${randomUUID().slice(0, 8)}-`;
    const server = await startThrowawayPostgres({ prefix });
    try {
      expect(server.url).toBe(`postgres://postgres:postgres@127.0.0.1:${server.port}/postgres`);
      expect(await leftovers(prefix)).toHaveLength(1);
      await query(server.url, "create table kept (n int); insert into kept values (7)");

      await server.stop();
      expect(server.running).toBe(false);
      await expect(query(server.url, "select 1")).rejects.toThrow(/ECONNREFUSED/);
      await server.stop(); // a second stop is a no-op
      await Promise.all([server.start(), server.start()]); // two at once share one start
      expect(await query(server.url, "select n from kept")).toEqual([{ n: 7 }]);

      await server.restart();
      expect(server.running).toBe(true);
      expect(await query(server.url, "select n from kept")).toEqual([{ n: 7 }]);
    } finally {
      await server.destroy();
    }
    expect(server.running).toBe(false);
    expect(await leftovers(prefix)).toEqual([]);
    await server.destroy(); // twice is fine
    await expect(server.start()).rejects.toThrow(/destroyed/);
  }, 60_000);

  it("refuses a port that is taken with the server's log, and leaves nothing behind", async () => {
    const prefix = `mnemo-pg-test-${randomUUID().slice(0, 8)}-`;
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startThrowawayPostgres({ prefix, port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(new RegExp(`did not start \\(port ${port}\\)`));
      expect((error as Error).message).toMatch(/could not bind|in use/i);
      expect(await leftovers(prefix)).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);
});
