import { openMemoryBackend } from "./src/index.ts";

const root = await openMemoryBackend();
const s = root.forNamespace("bench").forTenant("t");
const keys: string[] = [];
for (let i = 0; i < 100000; i++)
  keys.push(`item/${String(i % 100).padStart(3, "0")}/${String(i).padStart(7, "0")}`);
const v = new Uint8Array(100);
for (let i = 0; i < keys.length; i += 1000)
  await s.setBatch(keys.slice(i, i + 1000).map((k) => [k, v] as const));
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let r = 0; r < 3; r++)
    for (let i = 0; i < 100000; i++) await s.get(keys[(i * 7919) % 100000]!);
  const g = ((performance.now() - t) * 1000) / 300000;
  t = performance.now();
  for (let r = 0; r < 3; r++)
    for (let i = 0; i < 100000; i++) await s.set(keys[(i * 7919) % 100000]!, v);
  const st = ((performance.now() - t) * 1000) / 300000;
  t = performance.now();
  for (let r = 0; r < 200; r++) {
    let n = 0;
    for await (const _ of s.scan({ prefix: `item/${String(r % 100).padStart(3, "0")}/` })) n++;
  }
  const sc = ((performance.now() - t) * 1000) / 200;
  const m = new Map(keys.map((k) => [k, v]));
  t = performance.now();
  for (let r = 0; r < 3; r++)
    for (let i = 0; i < 100000; i++) await Promise.resolve(m.get(keys[(i * 7919) % 100000]!));
  const mg = ((performance.now() - t) * 1000) / 300000;
  console.log(
    `get ${g.toFixed(2)} set ${st.toFixed(2)} scan1K ${sc.toFixed(0)} | Map get ${mg.toFixed(2)}`,
  );
}
