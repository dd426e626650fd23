// Type-checked by `tsc` in the fresh npm project (strict, module and moduleResolution
// nodenext): every public package's declarations resolve, and what they return is typed.
import { AgentStateStore } from "@mnemo/agent-state";
import { ArtifactStore } from "@mnemo/artifacts";
import { openLevelBackend } from "@mnemo/backend-level";
import { openMemoryBackend } from "@mnemo/backend-memory";
import { openPostgresBackend } from "@mnemo/backend-postgres";
import { blake3Hex, key, type StorageBackend, StorageError } from "@mnemo/core";
import { EpisodicMemory } from "@mnemo/episodic";
import { EventLog } from "@mnemo/event-log";
import { BitemporalGraph } from "@mnemo/graph";
import { HookHistory } from "@mnemo/hook-history";
import { dualWrite, PhaseCell, type VerifyResult, verifyStores } from "@mnemo/migration";
import { ProceduralMemory } from "@mnemo/procedural";
import { SessionStore } from "@mnemo/sessions";
import { type ConformanceOptions, describeConformance, forEachBackend } from "@mnemo/testing";
import { seededRandom } from "@mnemo/testing/random";
import { VectorStore } from "@mnemo/vector";
import { WorkflowStateStore } from "@mnemo/workflow-state";

/** Compiles only when `value`'s type is not `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
function typed<T>(value: IsAny<T> extends true ? never : T): T {
  return value;
}

export async function useEverything(path: string, url: string): Promise<string[]> {
  const roots: StorageBackend[] = [
    typed(await openMemoryBackend()),
    typed(await openLevelBackend({ path, durability: "safe" })),
    typed(await openPostgresBackend({ connectionString: url, poolSize: 4 })),
  ];
  const out: string[] = [];
  for (const root of roots) {
    const handle = (namespace: string) => root.forNamespace(namespace).forTenant("acme");

    const vectors = typed(new VectorStore(handle("vector")));
    const notes = typed(
      await vectors.createCollection("notes", { dimension: 3, metric: "cosine" }),
    );
    const hits = typed(await notes.search([1, 0, 0], { k: 1 }));
    out.push(hits[0]?.id ?? "");

    const turns = typed(new EpisodicMemory(handle("episodic")));
    const turn = typed(await turns.append({ sessionId: "s", role: "user", content: "hi" }));
    out.push(typed(turn.content));

    const graph = typed(new BitemporalGraph(handle("graph")));
    const walk = typed(await graph.traverse("ada", { depth: 1 }));
    out.push(...walk.nodes.map((n) => typed(n.entity.id)));

    const skills = typed(new ProceduralMemory(handle("procedural")));
    const stats = typed(await skills.getStats("agent-1", "web-search"));
    out.push(String(stats?.usageCount));

    const states = typed(new AgentStateStore(handle("agent_state")));
    const snapshot = typed(await states.loadSnapshot("agent-1"));
    out.push(String(snapshot?.version));

    const runs = typed(new WorkflowStateStore(handle("workflow_state")));
    const run = typed(await runs.createRun({ workflowId: "ingest" }));
    out.push(typed(run.status));

    const sessions = typed(new SessionStore(handle("sessions")));
    const session = typed(await sessions.get("chat-1"));
    out.push(String(session?.id));

    const artifacts = typed(new ArtifactStore(handle("artifacts")));
    const stored = typed(
      await artifacts.put(new Uint8Array([1]), { contentType: "a/b", kind: "data" }),
    );
    out.push(typed(stored.hash) === blake3Hex(new Uint8Array([1])) ? "same" : "differs");

    const log = typed(new EventLog(handle("event_log")));
    const page = typed(await log.query({ limit: 10 }));
    out.push(...page.items.map((e) => typed(e.type)));

    const history = typed(new HookHistory(handle("hook_history")));
    const check = typed(await history.verify());
    out.push(String(typed(check.ok)));

    const encoded = typed(key("a", 1));
    out.push(encoded);
    await root.close();
  }
  const error = new StorageError("INVALID_KEY", "bad");
  out.push(typed(error.code));
  out.push(String(typed(seededRandom(1)())));
  return out;
}

// The migration library, as the kernel's swap uses it.
export async function migrationTypes(from: StorageBackend, to: StorageBackend): Promise<boolean> {
  const dual: StorageBackend = dualWrite(from, to, new PhaseCell("dual-write"));
  await dual.set("k", new Uint8Array([1]));
  const result: VerifyResult = await verifyStores(from, to);
  return typed(result.equal);
}

// The testing package, as a backend author uses it.
const options: ConformanceOptions = { open: () => openMemoryBackend(), modelRuns: 5 };
export function declareSuites(): void {
  describeConformance("memory", options);
  forEachBackend((backend) => {
    typed(backend.name);
  });
}
