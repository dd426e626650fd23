/** Monthly partitions: an event's month is the UTC calendar month of its timestamp. */

/** "YYYY-MM" of the UTC month holding `timestamp` (epoch ms). */
export function monthOf(timestamp: number): string {
  const date = new Date(timestamp);
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${month}`;
}
