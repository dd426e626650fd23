/**
 * The kernel's Prometheus metrics, kept as plain counters updated in O(1) on the request
 * path (a label set is one precomputed string; the text is built only when scraped).
 */
import type { Runtime } from "../runtime.js";

/** Seconds; fine at the low end, where a kernel call lives. */
const BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

class Histogram {
  readonly counts = new Array<number>(BUCKETS.length).fill(0);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) {
        (this.counts[i] as number)++;
        return;
      }
    }
  }
}

function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** A PostgreSQL backend's pool figures (structural: no backend import here). */
function poolStats(backend: unknown): PoolStats | undefined {
  const stats = (backend as { poolStats?: () => PoolStats }).poolStats;
  return typeof stats === "function" ? stats.call(backend) : undefined;
}

/** One component + operation: its label text (built once), latency and counts by status. */
class Series {
  readonly latency = new Histogram();
  readonly byStatus = new Map<number, number>();
  constructor(readonly labels: string) {}
}

export class KernelMetrics {
  /** component → operation → series: lookups by the route's own (short) strings. */
  readonly #series = new Map<string, Map<string, Series>>();
  inFlight = 0;
  /** Swaps and migrations by result; issue 17 counts them, this issue reports zeros. */
  readonly swaps = new Map<string, number>();
  readonly migrations = new Map<string, number>();

  /** `component` and `operation` are route names, never raw paths (bounded cardinality). */
  record(component: string, operation: string, status: number, seconds: number): void {
    let operations = this.#series.get(component);
    if (operations === undefined) {
      operations = new Map();
      this.#series.set(component, operations);
    }
    let series = operations.get(operation);
    if (series === undefined) {
      series = new Series(`component="${component}",operation="${operation}"`);
      operations.set(operation, series);
    }
    series.byStatus.set(status, (series.byStatus.get(status) ?? 0) + 1);
    series.latency.observe(seconds);
  }

  render(runtime: Runtime): string {
    const out: string[] = [];
    out.push("# HELP mnemo_http_requests_total HTTP requests by component, operation and status.");
    out.push("# TYPE mnemo_http_requests_total counter");
    const all = [...this.#series.values()].flatMap((operations) => [...operations.values()]);
    for (const { labels, byStatus } of all) {
      for (const [status, n] of byStatus) {
        out.push(`mnemo_http_requests_total{${labels},status="${status}"} ${n}`);
      }
    }
    out.push("# HELP mnemo_http_request_duration_seconds Time to the end of the response.");
    out.push("# TYPE mnemo_http_request_duration_seconds histogram");
    for (const { labels: key, latency: h } of all) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += h.counts[i] as number;
        out.push(`mnemo_http_request_duration_seconds_bucket{${key},le="${le}"} ${cumulative}`);
      });
      out.push(`mnemo_http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`);
      out.push(`mnemo_http_request_duration_seconds_sum{${key}} ${h.sum}`);
      out.push(`mnemo_http_request_duration_seconds_count{${key}} ${h.count}`);
    }
    out.push("# HELP mnemo_http_requests_in_flight Requests being served now.");
    out.push("# TYPE mnemo_http_requests_in_flight gauge");
    out.push(`mnemo_http_requests_in_flight ${this.inFlight}`);
    out.push("# HELP mnemo_backend_generation Backend generation per component (+1 per swap).");
    out.push("# TYPE mnemo_backend_generation gauge");
    out.push("# HELP mnemo_backend_info The backend kind serving each component (value 1).");
    out.push("# TYPE mnemo_backend_info gauge");
    out.push("# HELP mnemo_backend_leases Calls holding a lease on the current backend.");
    out.push("# TYPE mnemo_backend_leases gauge");
    for (const [key, slot] of runtime.slots) {
      out.push(`mnemo_backend_generation{component="${key}"} ${slot.ref.generation}`);
      out.push(`mnemo_backend_info{component="${key}",kind="${slot.ref.current.kind}"} 1`);
      out.push(`mnemo_backend_leases{component="${key}"} ${slot.ref.inFlight}`);
    }
    out.push("# HELP mnemo_postgres_pool_connections PostgreSQL pool of each component's backend.");
    out.push("# TYPE mnemo_postgres_pool_connections gauge");
    for (const [key, slot] of runtime.slots) {
      const stats = poolStats(slot.ref.current.backend);
      if (stats === undefined) continue;
      const c = `component="${key}"`;
      out.push(`mnemo_postgres_pool_connections{${c},state="in_use"} ${stats.total - stats.idle}`);
      out.push(`mnemo_postgres_pool_connections{${c},state="idle"} ${stats.idle}`);
      out.push(`mnemo_postgres_pool_connections{${c},state="waiting"} ${stats.waiting}`);
    }
    out.push("# HELP mnemo_swaps_total Backend swaps by component and result.");
    out.push("# TYPE mnemo_swaps_total counter");
    for (const [key, n] of this.swaps) out.push(`mnemo_swaps_total{${key}} ${n}`);
    out.push("# HELP mnemo_migrations_total Live migrations by component and result.");
    out.push("# TYPE mnemo_migrations_total counter");
    for (const [key, n] of this.migrations) out.push(`mnemo_migrations_total{${key}} ${n}`);
    return `${out.join("\n")}\n`;
  }
}

export { label as escapeLabel };
