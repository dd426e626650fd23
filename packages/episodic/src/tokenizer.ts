/**
 * Text to index terms: NFKC, lowercase, a Unicode-aware word split, a small English stop-word
 * list, and a light suffix stripper. Query and content go through the same function, so any
 * inflection it folds together matches both ways.
 */

/**
 * Longer tokens are cut to this many code points (at most 256 UTF-8 bytes), so a posting key
 * stays far below the 1024-byte key limit. Cutting code units instead could split a
 * surrogate pair and leave a lone surrogate, which no key may hold.
 */
export const MAX_TOKEN_CODE_POINTS = 64;

/** The first `max` code points of `text`. */
function firstCodePoints(text: string, max: number): string {
  // Each code point is one or two code units: only a long text needs the walk.
  if (text.length <= max) return text;
  let units = 0;
  let points = 0;
  for (const point of text) {
    if (points === max) break;
    units += point.length;
    points++;
  }
  return text.slice(0, units);
}
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_WORD = /^[a-z]+$/;
const VOWEL = /[aeiouy]/;

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be but by for from has have he her his i if in into is it its me my " +
    "no not of on or our she so than that the their them then there these they this to was " +
    "we were what when which who will with you your"
  ).split(" "),
);

function endsWithDoubleConsonant(word: string): boolean {
  const last = word.at(-1);
  return (
    word.length >= 2 &&
    last === word.at(-2) &&
    last !== undefined &&
    !VOWEL.test(last) &&
    !"lsz".includes(last)
  );
}

/**
 * A light Porter-style stemmer for ASCII English words: plurals, -ing, -ed, -ly and a final
 * -e, so that "running"/"runs" become "run" and "hoping"/"hope"/"hopes" become "hop". It
 * over-stems some words (like every light stemmer); it never touches other scripts.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !ASCII_WORD.test(word)) return word;
  let w = word;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  for (const suffix of ["ing", "ed"]) {
    const base = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
      w = endsWithDoubleConsonant(base) ? base.slice(0, -1) : base;
      break;
    }
  }
  if (w.endsWith("ly") && w.length >= 5) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length >= 4) w = w.slice(0, -1);
  return w;
}

/** Stems of tokens seen lately: a conversation repeats its words, and `stem` runs regexes. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

function cachedStem(token: string): string {
  let s = stems.get(token);
  if (s === undefined) {
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    s = stem(token);
    stems.set(token, s);
  }
  return s;
}

const ASCII = /^[\x00-\x7f]*$/;
/** `WORD` on lowercased ASCII: NFKC leaves ASCII as it is, and its letters and digits are these. */
const ASCII_WORD_CHARS = /[a-z0-9]+/g;

/** The index terms of `text`, in order, with repeats (term frequency counts them). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  const ascii = ASCII.test(text);
  const folded = (ascii ? text : text.normalize("NFKC")).toLowerCase();
  for (const match of folded.matchAll(ascii ? ASCII_WORD_CHARS : WORD)) {
    const token = firstCodePoints(match[0], MAX_TOKEN_CODE_POINTS);
    if (STOP_WORDS.has(token)) continue;
    terms.push(cachedStem(token));
  }
  return terms;
}

/**
 * Most distinct terms indexed per turn: a turn's postings are written and deleted in one
 * checked commit (at most 1,000 mutations). Later new terms of a longer text are not indexed;
 * the document length still counts every term.
 */
export const MAX_TERMS_PER_TURN = 900;

/** Term → frequency (the first `MAX_TERMS_PER_TURN` distinct terms), and the document length. */
export function termFrequencies(text: string): {
  frequencies: Map<string, number>;
  length: number;
} {
  const terms = tokenize(text);
  const frequencies = new Map<string, number>();
  for (const term of terms) {
    const seen = frequencies.get(term);
    if (seen !== undefined) frequencies.set(term, seen + 1);
    else if (frequencies.size < MAX_TERMS_PER_TURN) frequencies.set(term, 1);
  }
  return { frequencies, length: terms.length };
}
