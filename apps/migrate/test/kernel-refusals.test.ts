/**
 * advance, rollback and verify --repair with --kernel: a kernel runs its swap whole, so each refuses
 * with a usage error (exit 2) that names what to run instead, and asks the kernel nothing
 * (a real HTTP server here counts what reaches it).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli } from "./support.js";

let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("--kernel where a kernel has nothing to do", () => {
  it("refuses advance, rollback and verify --repair with what to run instead, asking nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["advance", "--to", "verify"], /advance does not take --kernel: .*start --kernel/],
      [["rollback", "--yes"], /rollback does not take --kernel: .*rolls a failed swap back/],
      [
        ["verify", "--repair", "--target", "level"],
        /verify --repair does not take --kernel: .*verify --kernel \(no --repair\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await cli([
        ...args,
        "--kernel",
        base,
        "--token",
        "t",
        "--namespace",
        "sessions",
      ]);
      expect(result.code, result.stderr).toBe(EXIT.USAGE);
      expect(result.stderr).toMatch(/^mnemo-migrate: INVALID_ARGUMENT: /);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    }
    expect(requests).toBe(0);
  });
});
