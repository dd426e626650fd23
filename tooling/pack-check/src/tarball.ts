/**
 * What is inside a packed tarball, read without a `tar` binary: the file list with sizes,
 * the packed package.json, and the declaration files (to look for `any`).
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import ts from "typescript";

export interface TarEntry {
  readonly path: string;
  readonly size: number;
  readonly content: Buffer;
}

/** The regular files of a .tgz, paths without the leading "package/". */
export async function readTarball(file: string): Promise<TarEntry[]> {
  const tar = gunzipSync(await readFile(file));
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const name = field(0, 100);
    const prefix = field(345, 155);
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^package\//, "");
    if (type === "0" || type === "") {
      entries.push({ path, size, content: tar.subarray(offset + 512, offset + 512 + size) });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** Lines of a declaration file where the `any` type appears (comments and strings ignored). */
export function anyInDeclarations(text: string): number[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const lines: number[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.AnyKeyword) {
      lines.push(text.slice(0, scanner.getTokenStart()).split("\n").length);
    }
  }
  return lines;
}
