/**
 * One process of the multi-process race: `child.ts <config JSON>`. Opens the store the spec
 * names, waits for the other processes, runs its clients and prints their logs as JSON.
 */
import { type BackendSpec, openFromSpec } from "../backend-matrix.js";
import { barrier, runCreateClients, runMoveClients } from "./clients.js";

export interface RaceChildConfig {
  readonly spec: BackendSpec;
  readonly variant: "move" | "create";
  /** Unique per process. */
  readonly name: string;
  readonly processes: number;
  readonly clients: number;
  readonly seed: number;
  /** Move: records and attempts per client. Create: keys. */
  readonly records: number;
  readonly attempts: number;
}

const config = JSON.parse(process.argv[2] ?? "") as RaceChildConfig;
const store = await openFromSpec(config.spec);
try {
  await barrier(store, config.name, config.processes);
  const logs =
    config.variant === "move"
      ? await runMoveClients(store, config)
      : await runCreateClients(store, { ...config, keys: config.records });
  process.stdout.write(JSON.stringify(logs));
} finally {
  await store.close();
}
