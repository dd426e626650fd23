/**
 * Type-checked, not run: the backend packages satisfy what the matrix declares of them
 * (`BackendModules`), so a changed opener signature fails `pnpm typecheck` here.
 */
import type * as Level from "@mnemo/backend-level";
import type * as Memory from "@mnemo/backend-memory";
import type * as Postgres from "@mnemo/backend-postgres";
import type { BackendModules } from "../src/backend-matrix.js";

type Satisfies<Actual extends Declared, Declared> = [Actual, Declared];

export type Checked = [
  Satisfies<typeof Memory, BackendModules["@mnemo/backend-memory"]>,
  Satisfies<typeof Level, BackendModules["@mnemo/backend-level"]>,
  Satisfies<typeof Postgres, BackendModules["@mnemo/backend-postgres"]>,
];
