/**
 * Checking out a pooled connection set up for a tenant, in one round trip in the common case.
 *
 * Each connection remembers the tenant its session setting `mnemo.tenant` holds. A checkout
 * re-sets it only when another tenant takes the connection (one extra round trip); a
 * connection that keeps serving one tenant pays nothing. The setting is session-level and
 * written outside any transaction, so nothing rolls it back behind our back; and every query
 * also names its tenant in the WHERE clause, so even a stale setting could only hide rows,
 * never show another tenant's.
 */
import type pg from "pg";

interface SessionState {
  tenant: string | undefined;
}

const sessions = new WeakMap<pg.PoolClient, SessionState>();

export interface SessionSetup {
  /** `SET ROLE "<role>"`, run once on each new connection, or undefined. */
  readonly setRole: string | undefined;
}

const ignore = () => {};

export async function checkoutForTenant(
  pool: pg.Pool,
  tenant: string,
  setup: SessionSetup,
): Promise<pg.PoolClient> {
  const client = await pool.connect();
  try {
    let state = sessions.get(client);
    if (state === undefined) {
      // The pool removes its own error listener while a client is checked out; without ours
      // a connection dropped between two queries would crash the process.
      client.on("error", ignore);
      state = { tenant: undefined };
      if (setup.setRole !== undefined) {
        // A new connection: role and tenant in one simple-protocol round trip.
        await client.query(
          `${setup.setRole}; SELECT set_config('mnemo.tenant', ${client.escapeLiteral(tenant)}, false)`,
        );
        state.tenant = tenant;
      }
      sessions.set(client, state);
    }
    if (state.tenant !== tenant) {
      state.tenant = undefined;
      await client.query({
        name: "mnemo_set_tenant",
        text: "SELECT set_config('mnemo.tenant', $1, false)",
        values: [tenant],
      });
      state.tenant = tenant;
    }
    return client;
  } catch (error) {
    // The session is in an unknown state: destroy the connection rather than reuse it.
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
