/** Progress lines on stderr, so stdout stays clean for anything piped. */
const started = Date.now();

export function progress(line: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${elapsed}s] ${line}\n`);
}
