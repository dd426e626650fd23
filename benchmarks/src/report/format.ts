/** Number formatting for the report. */
export function us(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} ms`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} ms`;
  if (value >= 100) return `${value.toFixed(0)} µs`;
  if (value >= 10) return `${value.toFixed(1)} µs`;
  return `${value.toFixed(2)} µs`;
}

export function rate(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)}M/s`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}K/s`;
  return `${value.toFixed(0)}/s`;
}

export function ratio(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? "–" : `${value.toFixed(2)}x`;
}

export function num(value: number, unit: string): string {
  if (unit === "us" || unit === "µs") return us(value);
  if (unit === "ms") return `${value.toFixed(value >= 100 ? 0 : 2)} ms`;
  if (unit === "ops/s" || unit.endsWith("/s")) {
    return unit === "ops/s"
      ? rate(value)
      : `${value >= 100 ? value.toFixed(0) : value.toFixed(2)} ${unit}`;
  }
  if (unit === "recall" || unit === "ratio") return value.toFixed(3);
  return `${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`;
}
