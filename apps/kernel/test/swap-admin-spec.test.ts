/**
 * The backend an admin swap request names, filled in from the config: `{"backend":"postgres"}`
 * means the config's `[storage.postgres]` (url, pool, schema) whether or not a component is
 * served from PostgreSQL yet — the first component moved there is the usual case.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import { specFromRequest } from "../src/swap-admin.js";

const url = "postgres://postgres@127.0.0.1:5432/postgres";
const config = (extra: string) =>
  parseConfig(
    [
      "[storage]",
      'backend = "level"',
      'path = "/tmp/mnemo-spec"',
      "[storage.postgres]",
      `url = "${url}"`,
      "pool_size = 3",
      'schema = "moved"',
      extra,
    ].join("\n"),
    "mnemo.toml",
  );

describe("specFromRequest", () => {
  it("uses [storage.postgres] when no component is on PostgreSQL", () => {
    const spec = specFromRequest("sessions", { backend: "postgres" }, config(""));
    expect(spec).toMatchObject({ kind: "postgres", url, poolSize: 3, schema: "moved" });
  });

  it("keeps the config's pool settings at a url the request gives", () => {
    const other = "postgres://postgres@127.0.0.1:5432/other";
    const spec = specFromRequest("sessions", { backend: "postgres", url: other }, config(""));
    expect(spec).toMatchObject({ kind: "postgres", url: other, poolSize: 3, schema: "moved" });
  });

  it("refuses postgres without a url anywhere", () => {
    const bare = parseConfig('[storage]\nbackend = "memory"', "mnemo.toml");
    expect(() => specFromRequest("sessions", { backend: "postgres" }, bare)).toThrow(/url/);
  });

  it("a level request without a path uses the data directory", () => {
    const spec = specFromRequest("sessions", { backend: "level" }, config(""));
    expect(spec).toMatchObject({ kind: "level", path: "/tmp/mnemo-spec" });
  });
});
