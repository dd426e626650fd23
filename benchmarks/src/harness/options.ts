import { parseArgs } from "node:util";
import type { BackendName } from "./component-bench.js";

export interface BenchOptions {
  /** Every case briefly: catches a broken benchmark, measures nothing worth publishing. */
  readonly quick: boolean;
  /** Only cases whose name contains one of these (case-insensitive). */
  readonly filter: readonly string[];
  readonly backends: readonly BackendName[];
  /** Skip regenerating docs/benchmarks.md, the charts and characteristics() figures. */
  readonly docs: boolean;
  /** Replace only what this run measured in the previous results/latest.json, keep the rest. */
  readonly merge: boolean;
}

export const ALL_BACKENDS: readonly BackendName[] = ["memory", "level", "postgres"];
const ALL = ALL_BACKENDS;

export const USAGE = `pnpm bench [--quick] [--filter text[,text]] [--backends memory,level,postgres] [--no-docs]

  --quick      run every case briefly (CI); writes results/quick.tmp.json only, not docs/
  --filter     only cases whose name contains one of the texts, e.g. --filter "get,vector"
  --backends   which backends to run (default: all three)
  --no-docs    do not regenerate docs/benchmarks.md, charts or characteristics() figures
  --merge      keep the previous results/latest.json and replace only what this run measured
               (re-run one component or backend without re-running the whole suite); without
               it a --filter or --backends run writes only its dated file, not latest.json
               or docs/`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      filter: { type: "string" },
      backends: { type: "string" },
      "no-docs": { type: "boolean", default: false },
      merge: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const backends = values.backends
    ? values.backends.split(",").map((name) => name.trim())
    : [...ALL];
  for (const name of backends) {
    if (!(ALL as readonly string[]).includes(name)) {
      throw new Error(
        `--backends: unknown backend ${JSON.stringify(name)}; known: ${ALL.join(", ")}`,
      );
    }
  }
  return {
    quick: values.quick ?? false,
    filter: values.filter
      ? values.filter
          .split(",")
          .map((f) => f.trim().toLowerCase())
          .filter(Boolean)
      : [],
    backends: backends as BackendName[],
    docs: !(values["no-docs"] ?? false) && !(values.quick ?? false),
    merge: values.merge ?? false,
  };
}

export function selected(options: BenchOptions, caseName: string): boolean {
  if (options.filter.length === 0) return true;
  const name = caseName.toLowerCase();
  return options.filter.some((f) => name.includes(f));
}
