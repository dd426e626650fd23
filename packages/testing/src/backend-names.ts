export const BACKEND_NAMES = ["memory", "level", "postgres"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The backends this run covers: `MNEMO_BACKENDS=memory,level,postgres` (default: all). */
export function selectedBackends(): BackendName[] {
  const raw = process.env.MNEMO_BACKENDS?.trim();
  if (!raw) return [...BACKEND_NAMES];
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
      throw new Error(
        `MNEMO_BACKENDS names unknown backend ${JSON.stringify(name)}; known: ${BACKEND_NAMES.join(", ")}`,
      );
    }
  }
  return names as BackendName[];
}
