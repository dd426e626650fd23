/**
 * Every write of a namespace table goes through one PL/pgSQL function per table, one
 * statement and one round trip: a checked commit. It
 *   1. takes a transaction-scoped advisory lock on every key it checks or writes, in hash
 *      order (so two commits never deadlock), which serialises commits touching a key even
 *      while that key is absent, where a row lock has nothing to hold. PostgreSQL's lock
 *      table is small (max_locks_per_transaction, 64 by default, times the connections), so
 *      a commit of more than PER_KEY_LOCKS keys takes one exclusive lock on the whole
 *      (table, tenant) instead, and every smaller commit holds that lock shared first;
 *   2. evaluates the checks against the newest committed rows (each statement of a
 *      READ COMMITTED function takes a new snapshot, after the locks are held);
 *   3. draws the commit's version from one sequence per schema *after* the locks, so for a
 *      key every later commit has a larger number: versions grow strictly per key;
 *   4. applies deletes, puts and sums (`int8send` is the 8-byte big-endian counter format).
 * It runs as the caller (SECURITY INVOKER), so row-level security applies to every row.
 */
import type { KvTable } from "./schema.js";

/** Commits of up to this many keys lock key by key; larger ones lock the (table, tenant). */
export const PER_KEY_LOCKS = 64;

/** SQLSTATE the function raises when a `sum` meets a value that is not an 8-byte counter. */
export const NOT_A_COUNTER_SQLSTATE = "MNV01";

export function sequenceName(table: KvTable): string {
  return `"${table.schema}"."kv_commit_seq"`;
}

/**
 * The advisory lock of one key: SQL for its 64-bit id, `tenant` and `key` SQL expressions. The
 * lock key names the table too, so equal keys of two namespaces do not contend. Every writer
 * of a key (the commit function, putAbsent) must lock by exactly this expression.
 */
export function keyLockId(table: KvTable, tenant: string, key: string): string {
  return `hashtextextended('${table.name}' || chr(1) || ${tenant} || chr(1) || ${key}, 0)`;
}

/** The (table, tenant) lock, in the two-integer advisory lock space, apart from keys. */
export function tenantLockId(table: KvTable, tenant: string): string {
  return `hashtext('${table.name}' || chr(1) || ${tenant}), 0`;
}

export function commitFunctionName(table: KvTable): string {
  return `"${table.schema}"."${table.name}_commit"`;
}

/** `CREATE OR REPLACE FUNCTION` for `table`'s checked commit. */
export function commitFunctionSql(table: KvTable): string {
  const t = table.qualified;
  const tenantLock = tenantLockId(table, "p_tenant");
  return `CREATE OR REPLACE FUNCTION ${commitFunctionName(table)}(
  p_tenant text,
  p_check_keys text[], p_check_by_value boolean[], p_check_versions bigint[], p_check_values bytea[],
  p_put_keys text[], p_put_values bytea[],
  p_del_keys text[],
  p_sum_keys text[], p_sum_deltas bigint[],
  OUT committed boolean, OUT commit_version bigint, OUT failed_keys text[])
LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $fn$
DECLARE
  bad text;
  summed bigint;
  all_keys text[] := p_check_keys || p_put_keys || p_del_keys || p_sum_keys;
BEGIN
  IF cardinality(all_keys) > ${PER_KEY_LOCKS} THEN
    PERFORM pg_advisory_xact_lock(${tenantLock});
  ELSIF cardinality(all_keys) = 1 THEN
    -- The common case, one key: two lock calls, no query.
    PERFORM pg_advisory_xact_lock_shared(${tenantLock}),
      pg_advisory_xact_lock(${keyLockId(table, "p_tenant", "all_keys[1]")});
  ELSE
    PERFORM pg_advisory_xact_lock_shared(${tenantLock});
    PERFORM pg_advisory_xact_lock(h) FROM (
      SELECT DISTINCT ${keyLockId(table, "p_tenant", "k")} AS h
      FROM unnest(all_keys) AS u(k)
      ORDER BY 1) AS locks;
  END IF;
  IF cardinality(p_check_keys) > 0 THEN
    SELECT coalesce(array_agg(c.k ORDER BY c.ord), '{}') INTO failed_keys
    FROM unnest(p_check_keys, p_check_by_value, p_check_versions, p_check_values)
      WITH ORDINALITY AS c(k, by_value, ver, val, ord)
    LEFT JOIN ${t} AS r ON r.tenant_id = p_tenant AND r.key = c.k
    WHERE CASE WHEN c.by_value THEN r.value IS DISTINCT FROM c.val
               ELSE r.version IS DISTINCT FROM c.ver END;
    IF cardinality(failed_keys) > 0 THEN
      committed := false;
      RETURN;
    END IF;
  END IF;
  committed := true;
  failed_keys := '{}';
  commit_version := nextval('${sequenceName(table)}');
  IF cardinality(p_del_keys) > 0 THEN
    DELETE FROM ${t} WHERE tenant_id = p_tenant AND key = ANY(p_del_keys);
  END IF;
  IF cardinality(p_put_keys) > 0 THEN
    INSERT INTO ${t} AS r (tenant_id, key, value, version)
    SELECT p_tenant, k, v, commit_version FROM unnest(p_put_keys, p_put_values) AS u(k, v)
    ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version;
  END IF;
  IF cardinality(p_sum_keys) > 0 THEN
    -- A stored value that is not an 8-byte counter is left alone by the update; the row
    -- count then falls short and the whole commit is refused (no separate read).
    INSERT INTO ${t} AS r (tenant_id, key, value, version)
    SELECT p_tenant, k, int8send(d), commit_version FROM unnest(p_sum_keys, p_sum_deltas) AS u(k, d)
    ON CONFLICT (tenant_id, key) DO UPDATE SET
      value = int8send(('x' || encode(r.value, 'hex'))::bit(64)::bigint
                     + ('x' || encode(EXCLUDED.value, 'hex'))::bit(64)::bigint),
      version = EXCLUDED.version
    WHERE octet_length(r.value) = 8;
    GET DIAGNOSTICS summed = ROW_COUNT;
    IF summed < cardinality(p_sum_keys) THEN
      SELECT r.key INTO bad FROM ${t} AS r
      WHERE r.tenant_id = p_tenant AND r.key = ANY(p_sum_keys) AND octet_length(r.value) <> 8
      LIMIT 1;
      RAISE EXCEPTION 'value of key % is not an 8-byte counter', bad
        USING ERRCODE = '${NOT_A_COUNTER_SQLSTATE}', DETAIL = bad;
    END IF;
  END IF;
END
$fn$`;
}
