/**
 * The SQL of one namespace table, as named (prepared) statements: each connection parses a
 * statement once, later calls send only Bind/Execute. `$1` is always the tenant: it is in
 * every WHERE clause as well as in the row-level security policy, so a connection set for the
 * wrong tenant returns nothing rather than another tenant's rows. Every write is one call of
 * the table's commit function (see commit-function.ts).
 */
import type { KeyBound } from "@mnemo/core";
import { commitFunctionName, keyLockId, sequenceName, tenantLockId } from "./commit-function.js";
import type { KvTable } from "./schema.js";

export interface Statement {
  readonly name: string;
  readonly text: string;
}

export interface ScanShape {
  readonly lower: KeyBound | undefined;
  readonly upper: KeyBound | undefined;
  readonly reverse: boolean;
  readonly keysOnly: boolean;
  readonly versions: boolean;
}

export interface KvStatements {
  readonly get: Statement;
  readonly getEntry: Statement;
  readonly exists: Statement;
  readonly getMany: Statement;
  readonly getEntries: Statement;
  /** Params: tenant, check keys, by value, versions, values, put keys, values, del keys, sum keys, deltas. */
  readonly commit: Statement;
  /** A commit of one put and no check, without the function: tenant, key, value. Row: version. */
  readonly putOne: Statement;
  /** Params: tenant, keys (distinct), values. Rows: the keys written. */
  readonly putAbsent: Statement;
  /** `putAbsent` for keys all absent: no rows; a present key fails it (23505), writing nothing. */
  readonly putAllAbsent: Statement;
  readonly clear: Statement;
  /**
   * Params: tenant, [lower], [upper], limit, and (unless keys only) the byte budget. Columns:
   * key, then value, [version], and the number of rows the page had before the budget cut
   * it (fewer than the limit: the range is exhausted).
   */
  scan(shape: ScanShape): Statement;
}

// Statement names are per connection and PostgreSQL truncates them at 63 bytes: number the
// tables instead of spelling their names.
const tableIds = new Map<string, number>();

/** A row's version as core formats it: 16 lowercase hex digits. */
const VERSION_TEXT = "lpad(to_hex(version), 16, '0')";

export function kvStatements(table: KvTable): KvStatements {
  let id = tableIds.get(table.qualified);
  if (id === undefined) {
    id = tableIds.size + 1;
    tableIds.set(table.qualified, id);
  }
  const t = table.qualified;
  const s = (suffix: string, text: string): Statement => ({ name: `mnemo_${id}_${suffix}`, text });
  const scans = new Map<string, Statement>();
  return {
    get: s("get", `SELECT value FROM ${t} WHERE tenant_id = $1 AND key = $2`),
    getEntry: s(
      "get_entry",
      `SELECT value, ${VERSION_TEXT} FROM ${t} WHERE tenant_id = $1 AND key = $2`,
    ),
    exists: s("exists", `SELECT 1 FROM ${t} WHERE tenant_id = $1 AND key = $2`),
    getMany: s(
      "get_many",
      `SELECT key, value FROM ${t} WHERE tenant_id = $1 AND key = ANY($2::text[])`,
    ),
    getEntries: s(
      "get_entries",
      `SELECT key, value, ${VERSION_TEXT} FROM ${t} WHERE tenant_id = $1 AND key = ANY($2::text[])`,
    ),
    commit: s(
      "commit",
      `SELECT committed, lpad(to_hex(commit_version), 16, '0') AS version, failed_keys FROM ${commitFunctionName(table)}($1, $2::text[], $3::boolean[], $4::bigint[], $5::bytea[], $6::text[], $7::bytea[], $8::text[], $9::text[], $10::bigint[])`,
    ),
    putOne: s("put_one", putOneSql(table)),
    putAbsent: s("put_absent", putAbsentSql(table, true)),
    putAllAbsent: s("put_all_absent", putAbsentSql(table, false)),
    clear: s("clear", `DELETE FROM ${t} WHERE tenant_id = $1`),
    scan({ lower, upper, reverse, keysOnly, versions }) {
      const shape = `${lower === undefined ? "" : lower.inclusive ? "ge" : "gt"}_${upper === undefined ? "" : upper.inclusive ? "le" : "lt"}_${reverse ? "r" : "f"}${keysOnly ? "k" : versions ? "v" : ""}`;
      let statement = scans.get(shape);
      if (statement === undefined) {
        // Ranges, never LIKE: `%` and `_` in keys are plain characters, and the range uses the
        // primary key index under COLLATE "C".
        const where = [`tenant_id = $1`];
        let n = 1;
        if (lower !== undefined) where.push(`key ${lower.inclusive ? ">=" : ">"} $${++n}`);
        if (upper !== undefined) where.push(`key ${upper.inclusive ? "<=" : "<"} $${++n}`);
        const order = `ORDER BY key${reverse ? " DESC" : ""}`;
        const page = `FROM ${t} WHERE ${where.join(" AND ")} ${order} LIMIT $${n + 1}`;
        // A page of values stops once it holds the byte budget ($n+2), but keeps its first
        // row: octet_length reads a stored value's size without detoasting it, and only the
        // rows kept are sent.
        const text = keysOnly
          ? `SELECT key ${page}`
          : `SELECT key, value${versions ? ", version_text" : ""}, page_rows FROM (
              SELECT key, value, version_text, count(*) OVER () AS page_rows,
                sum(size) OVER (${order} ROWS UNBOUNDED PRECEDING) - size AS before
              FROM (SELECT key, value, octet_length(value) AS size,
                  ${versions ? VERSION_TEXT : "NULL::text"} AS version_text ${page}) AS l
            ) AS p WHERE before < $${n + 2} ${order}`;
        statement = s(`scan_${shape}`, text);
        scans.set(shape, statement);
      }
      return statement;
    },
  };
}

/**
 * A checked commit's work for one put and no check, as one statement instead of a call of the
 * commit function (whose PL/pgSQL call cost a single put ~30% of its rate at 16 in flight):
 * the (table, tenant) lock shared, the key's lock, then the version, each step reading the one
 * before it, then the upsert. `ON CONFLICT DO UPDATE` writes over a row committed after the
 * statement's snapshot as well (there is no check for a stale snapshot to get wrong), and the
 * key lock orders it with every commit of the key, so versions still grow strictly per key.
 */
function putOneSql(table: KvTable): string {
  return `WITH tenant_lock AS MATERIALIZED (
    SELECT pg_advisory_xact_lock_shared(${tenantLockId(table, "$1::text")}) AS held
  ), key_lock AS MATERIALIZED (
    SELECT pg_advisory_xact_lock(${keyLockId(table, "$1::text", "$2::text")}) AS held FROM tenant_lock
  ), commit AS MATERIALIZED (
    SELECT nextval('${sequenceName(table)}') AS version FROM key_lock
  )
  INSERT INTO ${table.qualified} AS r (tenant_id, key, value, version)
  SELECT $1::text, $2::text, $3::bytea, commit.version FROM commit
  ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version
  RETURNING lpad(to_hex(r.version), 16, '0')`;
}

/**
 * `putAbsent` as one statement: it takes the locks a small checked commit takes (the
 * (table, tenant) lock shared, then every key's lock in hash order, as the commit function
 * does), draws the version after them, then inserts the absent keys. Each step reads the one
 * before it (a one-row CTE), so none runs early. `ON CONFLICT DO NOTHING` sees rows committed
 * after the statement's snapshot, so a key present by then is left alone; the key locks keep
 * a concurrent checked commit from passing an absence check on a key this inserts. No table
 * lock: up to MAX_COMMIT_MUTATIONS key locks (PostgreSQL's lock table holds
 * max_locks_per_transaction x max_connections, 6,400 by default).
 *
 * Without `skipPresent`, the same locks and a plain insert: a key present (committed before
 * the locks were granted, whatever the snapshot) fails the whole statement with a unique
 * violation, and nothing is written. It costs the server about a third less than the
 * conflict check of every row, and sends no rows back.
 */
function putAbsentSql(table: KvTable, skipPresent: boolean): string {
  return `WITH tenant_lock AS MATERIALIZED (
    SELECT pg_advisory_xact_lock_shared(${tenantLockId(table, "$1")}) AS held
  ), key_locks AS MATERIALIZED (
    SELECT count(pg_advisory_xact_lock(h)) AS held FROM tenant_lock, (
      SELECT DISTINCT ${keyLockId(table, "$1", "k")} AS h FROM unnest($2::text[]) AS u(k)
      ORDER BY 1) AS hashes
  ), commit AS MATERIALIZED (
    SELECT nextval('${sequenceName(table)}') AS version FROM key_locks
  )
  INSERT INTO ${table.qualified} AS r (tenant_id, key, value, version)
  SELECT $1, u.k, u.v, commit.version FROM commit, unnest($2::text[], $3::bytea[]) AS u(k, v)${
    skipPresent ? "\n  ON CONFLICT (tenant_id, key) DO NOTHING\n  RETURNING r.key" : ""
  }`;
}
