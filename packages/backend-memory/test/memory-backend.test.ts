import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";

forEachBackend((backend) => {
  it("smoke", async () => {
    const store = await backend.open();
    await store.set("a", new Uint8Array([1]));
    expect(await store.get("a")).toEqual(new Uint8Array([1]));
    const keys: string[] = [];
    for await (const [k] of store.scan()) keys.push(k);
    expect(keys).toEqual(["a"]);
  });
});
