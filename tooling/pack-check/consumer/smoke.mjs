// Runs in a fresh npm project where the packed tarballs are installed, with plain `node`: every
// component on the memory backend, on LevelDB in a temporary directory, and on PostgreSQL when
// DATABASE_URL is set. Each step asserts something it can only get from a working package.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentStateStore } from "@mnemo/agent-state";
import { ArtifactStore } from "@mnemo/artifacts";
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import { blake3Hex, StorageError } from "@mnemo/core";
import { EpisodicMemory } from "@mnemo/episodic";
import { EventLog } from "@mnemo/event-log";
import { BitemporalGraph } from "@mnemo/graph";
import { HookHistory } from "@mnemo/hook-history";
import { dualWrite, PhaseCell, verifyStores } from "@mnemo/migration";
import { ProceduralMemory } from "@mnemo/procedural";
import { SessionStore } from "@mnemo/sessions";
import { VectorStore } from "@mnemo/vector";
import { WorkflowStateStore } from "@mnemo/workflow-state";

const tenant = `smoke-${process.pid}-${Date.now()}`;

/** Every component over `root`, each in its own namespace, on a fresh tenant. */
async function exercise(root) {
  const handle = (namespace) => root.forNamespace(namespace).forTenant(tenant);

  const vectors = new VectorStore(handle("vector"));
  const notes = await vectors.createCollection("notes", { dimension: 3, metric: "cosine" });
  await notes.upsert("n1", [0.1, 0.9, 0], { lang: "en" });
  await notes.upsert("n2", [0.9, 0.1, 0], { lang: "fr" });
  const hits = await notes.search([0.1, 1, 0], { k: 1 });
  assert.equal(hits[0]?.id, "n1");
  await vectors.close();

  const episodic = new EpisodicMemory(handle("episodic"));
  await episodic.append({
    sessionId: "chat-1",
    role: "user",
    content: "How do I reset my router?",
  });
  await episodic.append({ sessionId: "chat-1", role: "assistant", content: "Hold the button." });
  assert.equal((await episodic.recent("chat-1", 5)).length, 2);
  const found = await episodic.search("router reset", { sessionId: "chat-1" });
  assert.equal(found[0]?.turn.role, "user");

  const jan = Date.parse("2024-01-01");
  const graph = new BitemporalGraph(handle("graph"));
  await graph.assertEntity({ id: "ada", type: "person", name: "Ada" }, { validFrom: jan });
  await graph.assertEntity({ id: "acme", type: "org", name: "Acme" }, { validFrom: jan });
  await graph.assertRelationship(
    { id: "ada-acme", from: "ada", to: "acme", type: "works_at" },
    { validFrom: jan },
  );
  const walk = await graph.traverse("ada", { depth: 1, validAt: jan + 1 });
  assert.deepEqual(walk.nodes.map((n) => n.entity.id).sort(), ["acme", "ada"]);

  const skills = new ProceduralMemory(handle("procedural"));
  await skills.saveSkill("agent-1", {
    name: "web-search",
    category: "research",
    content: "Search.",
  });
  await skills.recordExecution("agent-1", "web-search", { success: true, durationMs: 12 });
  assert.equal((await skills.getStats("agent-1", "web-search"))?.usageCount, 1);

  const states = new AgentStateStore(handle("agent_state"));
  await states.saveSnapshot("agent-1", { goal: "book a flight", step: 3 });
  const snapshot = await states.loadSnapshot("agent-1");
  assert.deepEqual(snapshot?.data, { goal: "book a flight", step: 3 });

  const runs = new WorkflowStateStore(handle("workflow_state"));
  const run = await runs.createRun({ workflowId: "ingest", input: { url: "https://example.com" } });
  await runs.start(run.runId);
  await runs.complete(run.runId, { pages: 1 });
  assert.equal((await runs.getRun(run.runId))?.status, "completed");

  const sessions = new SessionStore(handle("sessions"));
  await sessions.create({ id: "chat-1", ttlMs: 60_000, data: { user: "ann" } });
  await sessions.linkArtifact("chat-1", blake3Hex("report bytes"), { label: "report.pdf" });
  assert.deepEqual((await sessions.get("chat-1"))?.data, { user: "ann" });

  const artifacts = new ArtifactStore(handle("artifacts"));
  const bytes = new TextEncoder().encode("# Findings\n".repeat(1000));
  const stored = await artifacts.put(bytes, { contentType: "text/markdown", kind: "document" });
  assert.equal(stored.hash, blake3Hex(bytes));
  assert.deepEqual(await artifacts.get(stored.artifactId), bytes);

  const log = new EventLog(handle("event_log"));
  await log.append({ type: "session.started", data: { user: "ada" }, correlationId: "req-1" });
  await log.append({ type: "tool.called", data: { tool: "search" }, correlationId: "req-1" });
  const page = await log.query({ correlationId: "req-1" });
  assert.deepEqual(
    page.items.map((e) => e.type),
    ["session.started", "tool.called"],
  );

  const history = new HookHistory(handle("hook_history"));
  await history.record({
    hookId: "redact",
    hookType: "pre-tool",
    input: { tool: "shell" },
    output: { allowed: false },
    startedAt: Date.now(),
    durationMs: 3,
  });
  assert.equal((await history.verify()).ok, true);

  await assert.rejects(handle("kv").set("", new Uint8Array()), StorageError);
}

const memory = await openMemoryBackend();
await exercise(memory);
await memory.close();
console.log("memory: every component ok");

// The migration library between two stores: verify sees the difference, a write through the
// dual-write decorator reaches both, and verify then finds them equal.
{
  const [oldRoot, newRoot] = [await openMemoryBackend(), await openMemoryBackend()];
  const from = oldRoot.forNamespace("notes").forTenant(tenant);
  const to = newRoot.forNamespace("notes").forTenant(tenant);
  await from.set("a", new Uint8Array([1]));
  assert.equal((await verifyStores(from, to)).equal, false);
  await to.set("a", new Uint8Array([1]));
  const dual = dualWrite(from, to, new PhaseCell("dual-write"));
  await dual.set("b", new Uint8Array([2]));
  assert.deepEqual(await to.get("b"), new Uint8Array([2]));
  assert.equal((await verifyStores(from, to)).equal, true);
  await oldRoot.close();
  await newRoot.close();
  console.log("migration: dual writes and verify ok");
}

const dir = await mkdtemp(join(tmpdir(), "mnemo-smoke-"));
try {
  const level = await openLevelBackend({ path: dir });
  await exercise(level);
  await level.close();
  console.log("level: every component ok");
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (process.env.DATABASE_URL) {
  const postgres = await openPostgresBackend({
    connectionString: process.env.DATABASE_URL,
    schema: "mnemo_pack_check",
  });
  try {
    await exercise(postgres);
    console.log("postgres: every component ok");
  } finally {
    for (const namespace of [
      "vector",
      "episodic",
      "graph",
      "procedural",
      "agent_state",
      "workflow_state",
      "sessions",
      "artifacts",
      "event_log",
      "hook_history",
    ]) {
      await postgres.forNamespace(namespace).forTenant(tenant).clear();
    }
    await postgres.close();
  }
} else {
  console.log("postgres: skipped (no DATABASE_URL)");
}
