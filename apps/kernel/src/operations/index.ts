/** Every component the kernel serves, in the order of the seed's config sections. */

import { agentState } from "./agent-state.js";
import { artifacts } from "./artifacts.js";
import type { ComponentDef } from "./define.js";
import { episodic } from "./episodic.js";
import { eventLog } from "./event-log.js";
import { graph } from "./graph.js";
import { hookHistory } from "./hook-history.js";
import { procedural } from "./procedural.js";
import { sessions } from "./sessions.js";
import { vectorEmbeddings } from "./vector.js";
import { workflowState } from "./workflow-state.js";

// biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
export const components: readonly ComponentDef<any>[] = [
  vectorEmbeddings,
  episodic,
  graph,
  procedural,
  agentState,
  workflowState,
  sessions,
  artifacts,
  eventLog,
  hookHistory,
];
