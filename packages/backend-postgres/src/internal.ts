/**
 * Not exported from the package: a handle's pool, for this package's own tests. The public
 * API hands out no raw connection (one could change its tenant setting or, in SET ROLE mode,
 * its role).
 */
export const POOL = Symbol("mnemo.postgres.pool");
