/**
 * The line of a key path in a TOML text, for error messages. smol-toml keeps no positions,
 * so this follows table headers (`[a.b]`, `[[a.b]]`) and `key =` lines; good enough to point
 * a person at the right line, and `undefined` when it cannot tell.
 */
const HEADER = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?/;
const KEY = /^\s*("?)([A-Za-z0-9_.-]+)\1\s*=/;

function dotted(text: string): string[] {
  return text.split(".").map((part) => part.trim().replace(/^"|"$/g, ""));
}

export function lineOf(source: string, path: readonly (string | number)[]): number | undefined {
  const names = path.filter((p): p is string => typeof p === "string");
  if (names.length === 0) return undefined;
  const lines = source.split(/\r?\n/);
  let table: string[] = [];
  let best: number | undefined;
  let bestDepth = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = HEADER.exec(line);
    if (header) {
      table = dotted(header[2] as string);
      if (matches(table, names) && table.length > bestDepth) {
        best = i + 1;
        bestDepth = table.length;
      }
      continue;
    }
    const key = KEY.exec(line);
    if (key) {
      const full = [...table, ...dotted(key[2] as string)];
      if (matches(full, names) && full.length > bestDepth) {
        best = i + 1;
        bestDepth = full.length;
      }
    }
  }
  return best;
}

/** Whether `prefix` is a prefix of `names`. */
function matches(prefix: readonly string[], names: readonly string[]): boolean {
  if (prefix.length > names.length) return false;
  return prefix.every((part, i) => part === names[i]);
}
