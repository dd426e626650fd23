/**
 * The SQL of one namespace table, as named (prepared) statements: each connection parses a
 * statement once, later calls send only Bind/Execute. `$1` is always the tenant: it is in
 * every WHERE clause as well as in the row-level security policy, so a connection set for the
 * wrong tenant returns nothing rather than another tenant's rows.
 */
import type { KeyBound } from "@mnemo/core";
import type { KvTable } from "./schema.js";

export interface Statement {
  readonly name: string;
  readonly text: string;
}

export interface KvStatements {
  readonly get: Statement;
  readonly exists: Statement;
  readonly getMany: Statement;
  readonly put: Statement;
  readonly delete: Statement;
  readonly putMany: Statement;
  readonly deleteMany: Statement;
  readonly putAndDeleteMany: Statement;
  readonly insertIfAbsent: Statement;
  readonly updateIfEquals: Statement;
  readonly deleteIfEquals: Statement;
  readonly clear: Statement;
  /** Params: tenant, [lower], [upper], limit. */
  scan(
    lower: KeyBound | undefined,
    upper: KeyBound | undefined,
    reverse: boolean,
    keysOnly: boolean,
  ): Statement;
}

// Statement names are per connection and PostgreSQL truncates them at 63 bytes: number the
// tables instead of spelling their names.
const tableIds = new Map<string, number>();

export function kvStatements(table: KvTable): KvStatements {
  let id = tableIds.get(table.qualified);
  if (id === undefined) {
    id = tableIds.size + 1;
    tableIds.set(table.qualified, id);
  }
  const t = table.qualified;
  const s = (suffix: string, text: string): Statement => ({ name: `mnemo_${id}_${suffix}`, text });
  const upsert = `ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value`;
  const insertUnnest = (keys: string, values: string) =>
    `INSERT INTO ${t} (tenant_id, key, value) SELECT $1, k, v FROM unnest(${keys}::text[], ${values}::bytea[]) AS u(k, v) ${upsert}`;
  const scans = new Map<string, Statement>();
  return {
    get: s("get", `SELECT value FROM ${t} WHERE tenant_id = $1 AND key = $2`),
    exists: s("exists", `SELECT 1 FROM ${t} WHERE tenant_id = $1 AND key = $2`),
    getMany: s(
      "get_many",
      `SELECT key, value FROM ${t} WHERE tenant_id = $1 AND key = ANY($2::text[])`,
    ),
    put: s("put", `INSERT INTO ${t} (tenant_id, key, value) VALUES ($1, $2, $3) ${upsert}`),
    delete: s("delete", `DELETE FROM ${t} WHERE tenant_id = $1 AND key = $2`),
    putMany: s("put_many", insertUnnest("$2", "$3")),
    deleteMany: s("delete_many", `DELETE FROM ${t} WHERE tenant_id = $1 AND key = ANY($2::text[])`),
    // One statement, so one round trip and all-or-nothing. The key sets are disjoint (ops are
    // de-duplicated per key before they get here), so the two CTEs never touch the same row.
    putAndDeleteMany: s(
      "put_delete_many",
      `WITH deleted AS (DELETE FROM ${t} WHERE tenant_id = $1 AND key = ANY($2::text[])) ${insertUnnest("$3", "$4")}`,
    ),
    insertIfAbsent: s(
      "insert_if_absent",
      `INSERT INTO ${t} (tenant_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, key) DO NOTHING`,
    ),
    // Under READ COMMITTED a concurrent update makes PostgreSQL re-check `value = $4` on the
    // newest row version, so only one of two racing swaps from the same value wins.
    updateIfEquals: s(
      "update_if_equals",
      `UPDATE ${t} SET value = $3 WHERE tenant_id = $1 AND key = $2 AND value = $4`,
    ),
    deleteIfEquals: s(
      "delete_if_equals",
      `DELETE FROM ${t} WHERE tenant_id = $1 AND key = $2 AND value = $3`,
    ),
    clear: s("clear", `DELETE FROM ${t} WHERE tenant_id = $1`),
    scan(lower, upper, reverse, keysOnly) {
      const shape = `${lower === undefined ? "" : lower.inclusive ? "ge" : "gt"}_${upper === undefined ? "" : upper.inclusive ? "le" : "lt"}_${reverse ? "r" : "f"}${keysOnly ? "k" : ""}`;
      let statement = scans.get(shape);
      if (statement === undefined) {
        // Ranges, never LIKE: `%` and `_` in keys are plain characters, and the range uses the
        // primary key index under COLLATE "C".
        const where = [`tenant_id = $1`];
        let n = 1;
        if (lower !== undefined) where.push(`key ${lower.inclusive ? ">=" : ">"} $${++n}`);
        if (upper !== undefined) where.push(`key ${upper.inclusive ? "<=" : "<"} $${++n}`);
        statement = s(
          `scan_${shape}`,
          `SELECT key${keysOnly ? "" : ", value"} FROM ${t} WHERE ${where.join(" AND ")} ORDER BY key${reverse ? " DESC" : ""} LIMIT $${n + 1}`,
        );
        scans.set(shape, statement);
      }
      return statement;
    },
  };
}
