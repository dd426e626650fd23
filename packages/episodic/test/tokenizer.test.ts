import { seededRandom } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { stem, tokenize } from "../src/index.js";

describe("stem", () => {
  it.each([
    ["running", "run"],
    ["runs", "run"],
    ["stopped", "stop"],
    ["hoping", "hop"],
    ["hopes", "hop"],
    ["hope", "hop"],
    ["ponies", "pony"],
    ["classes", "class"],
    ["caresses", "caress"],
    ["quickly", "quick"],
    ["played", "play"],
    ["bus", "bus"],
    ["analysis", "analysis"],
  ])("%s → %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("leaves short words and other scripts alone", () => {
    expect(stem("ran")).toBe("ran");
    expect(stem("größe")).toBe("größe");
    expect(stem("東京")).toBe("東京");
  });
});

describe("tokenize", () => {
  it("lowercases, splits on non-letters, drops stop words and stems", () => {
    expect(tokenize("The Quick-brown FOXES were jumping!")).toEqual([
      "quick",
      "brown",
      "fox",
      "jump",
    ]);
  });

  it("splits Unicode words and folds compatibility forms", () => {
    expect(tokenize("Straße, café; ﬁne 東京")).toEqual(["straße", "café", "fin", "東京"]);
  });

  it("keeps digits and repeats", () => {
    expect(tokenize("error 404 error")).toEqual(["error", "404", "error"]);
  });

  it("cuts long words on code points, never inside a surrogate pair", () => {
    // U+20000 (CJK extension B) is a letter outside the BMP: two UTF-16 code units.
    const astral = "\u{20000}";
    for (const word of [
      `${"a".repeat(63)}${astral}tail`,
      astral.repeat(100),
      `${"é".repeat(63)}${astral}`,
    ]) {
      const [token] = tokenize(word);
      expect(token!.isWellFormed(), word).toBe(true);
      expect([...token!].length).toBeLessThanOrEqual(64);
    }
    expect(tokenize(`${"a".repeat(63)}${astral}`)).toEqual([`${"a".repeat(63)}${astral}`]);
    // Emoji are not letters: they separate words and never reach a key.
    expect(tokenize("deploy🚀now 👍🏽")).toEqual(["deploy", "now"]);
  });
});

describe("tokenize's ASCII fast path", () => {
  it("gives the terms the Unicode path gives, on every printable ASCII character mix", () => {
    const random = seededRandom(11);
    const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
    for (let n = 0; n < 500; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 80) },
        () => chars[Math.floor(random() * (random() < 0.7 ? 62 : 95))] ?? "a",
      ).join("");
      // A non-ASCII word at the end sends the same text down the NFKC + \p{…} path.
      expect(tokenize(text), JSON.stringify(text)).toEqual(tokenize(`${text} é`).slice(0, -1));
    }
    expect(tokenize("Routers RESET 42x")).toEqual(["router", "reset", "42x"]);
  });
});
