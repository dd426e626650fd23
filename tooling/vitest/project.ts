/**
 * The vitest settings every package's tests share. Workspace packages resolve to their
 * TypeScript sources through the `@mnemo/source` export condition, so tests need no build.
 */
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

const globalSetup = fileURLToPath(
  new URL("../../packages/testing/src/global-setup.ts", import.meta.url),
);

export function mnemoProject(name: string) {
  return defineProject({
    resolve: { conditions: ["@mnemo/source"] },
    ssr: { resolve: { conditions: ["@mnemo/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      globalSetup: [globalSetup],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  });
}
