/** The component API convention (docs/conventions.md), checked where a machine can. */
import { encodeCursor, StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ArtifactStore, MAX_LIMIT, MAX_SCANNED } from "../src/index.js";
import { randomBytes } from "./helpers.js";

async function refusal(call: () => Promise<unknown>): Promise<StorageError> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "artifacts" });
    const clock = manualClock(1_700_000_000_000);
    return { store, clock, artifacts: new ArtifactStore(store, { chunkSize: 1024, clock }) };
  };

  it("pages every listing as { items, nextCursor? } with tagged cursors", async () => {
    const { clock, artifacts } = await open();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      ids.push(
        (await artifacts.put(randomBytes(100, i + 1), { contentType: "a/b", kind: "data" }))
          .artifactId,
      );
    }
    for (const listing of [
      (cursor?: string) => artifacts.list({ limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) => artifacts.listContents({ limit: 2, ...(cursor ? { cursor } : {}) }),
    ]) {
      const seen: unknown[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listing(cursor);
        expect(Object.keys(page).sort()).toEqual(
          page.nextCursor === undefined ? ["items"] : ["items", "nextCursor"],
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toHaveLength(5);
      // Exactly when there may be more: 5 items in pages of 2 is 3 pages, not 4.
      expect(pages).toBe(3);
    }
    const artifactCursor = (await artifacts.list({ limit: 1 })).nextCursor!;
    const contentCursor = (await artifacts.listContents({ limit: 1 })).nextCursor!;
    for (const [call, cursor] of [
      [(c: string) => artifacts.list({ cursor: c }), contentCursor],
      [(c: string) => artifacts.listContents({ cursor: c }), artifactCursor],
      [(c: string) => artifacts.list({ cursor: c }), encodeCursor(["turns", 1, "x"])],
    ] as const) {
      const error = await refusal(() => call(cursor));
      expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", "cursor"]);
    }
    expect((await artifacts.list()).items.map((a) => a.createdAt)).toEqual(
      [1, 2, 3, 4, 5].map((i) => 1_700_000_000_000 + i * 10),
    );
  });

  it("refuses a bad limit the same way everywhere, and accepts 1 and the maximum", async () => {
    const { artifacts } = await open();
    for (const limit of [0, -1, 1.5, MAX_LIMIT + 1, "5", null, Number.NaN]) {
      for (const call of [
        () => artifacts.list({ limit: limit as number }),
        () => artifacts.listContents({ limit: limit as number }),
      ]) {
        const error = await refusal(call);
        expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", "limit"]);
      }
    }
    await artifacts.list({ limit: 1 });
    await artifacts.listContents({ limit: MAX_LIMIT });
  });

  it("validates times as epoch milliseconds", async () => {
    const { artifacts } = await open();
    for (const since of [-1, 1.5, 253_402_300_800_000, Number.POSITIVE_INFINITY, "0"]) {
      const error = await refusal(() => artifacts.list({ since: since as number }));
      expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", "since"]);
    }
    await artifacts.list({ since: 0 });
  });

  it("delete returns whether something was deleted", async () => {
    const { artifacts } = await open();
    const put = await artifacts.put(randomBytes(10), { contentType: "a/b", kind: "data" });
    expect(await artifacts.delete(put.artifactId)).toBe(true);
    expect(await artifacts.delete(put.artifactId)).toBe(false);
    expect(await artifacts.delete("never-was")).toBe(false);
  });

  it("refuses null or wrong-typed options with INVALID_ARGUMENT and writes nothing", async () => {
    const { store, artifacts } = await open();
    await artifacts.put(randomBytes(10), { contentType: "a/b", kind: "data" });
    const before = await dump(store);
    for (const options of [null, 5, "x", []]) {
      for (const call of [
        () => artifacts.put(randomBytes(10, 9), options as never),
        () => artifacts.list(options as never),
        () => artifacts.listContents(options as never),
      ]) {
        const error = await refusal(call);
        expect(error.code).toBe("INVALID_ARGUMENT");
      }
      expect(() => new ArtifactStore(store, options as never)).toThrow(StorageError);
    }
    expect(await dump(store)).toEqual(before);
  });

  it("bounds the index entries a page filtered by kind and content type reads", async () => {
    const { clock, artifacts } = await open();
    const data = randomBytes(10, 4);
    for (let i = 0; i < MAX_SCANNED; i++) {
      clock.advance(1);
      await artifacts.put(data, { contentType: "text/plain", kind: "document" });
    }
    clock.advance(1);
    const wanted = await artifacts.put(data, { contentType: "text/markdown", kind: "document" });
    const first = await artifacts.list({ kind: "document", contentType: "text/markdown" });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toBeDefined();
    const second = await artifacts.list({
      kind: "document",
      contentType: "text/markdown",
      cursor: first.nextCursor!,
    });
    expect(second.items.map((a) => a.artifactId)).toEqual([wanted.artifactId]);
    expect(second.nextCursor).toBeUndefined();
  }, 60_000);
});
