/** Procedural memory: an agent's versioned skills and the success counts that rank them. */
import {
  DEFAULT_PAGE,
  DEFAULT_RANK_LIMIT,
  MAX_ERROR_BYTES,
  MAX_EXECUTION_MS,
  MAX_PAGE,
  MAX_RANK_LIMIT,
  MAX_SKILL_BYTES,
  MAX_STEPS,
  ProceduralMemory,
} from "@mnemo/procedural";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  anyText,
  Deleted,
  DONE,
  Done,
  finite,
  found,
  id,
  int,
  jsonObject,
  limit,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

const AgentId = id("The agent whose skills these are.");
const Name = id("The skill's name, unique per agent.");
const Category = id("The skill's category, e.g. research.");
const Version = int(1, Number.MAX_SAFE_INTEGER, "A skill version (1 is the first saved).");
const Count = int(0, Number.MAX_SAFE_INTEGER, "A count.");

const Skill = Schema.Struct({
  agentId: AgentId,
  name: Name,
  category: Category,
  description: Schema.optionalKey(Schema.String),
  content: Schema.optionalKey(Schema.String),
  steps: Schema.optionalKey(Schema.Array(Schema.String)),
  metadata: Schema.optionalKey(jsonObject("Free JSON about the skill.")),
  version: Version,
  createdAt: timestamp("When the skill was first saved."),
  updatedAt: timestamp("When this version was saved."),
});
const SkillStats = Schema.Struct({
  successCount: Count,
  failureCount: Count,
  usageCount: Count,
  totalDurationMs: finite(0, Number.MAX_SAFE_INTEGER, "Sum of all execution durations, ms."),
  meanDurationMs: finite(0, Number.MAX_SAFE_INTEGER, "Mean execution duration, ms."),
  lastUsedAt: Schema.optionalKey(timestamp("The latest execution.")),
  lastSuccessAt: Schema.optionalKey(timestamp("The latest success.")),
  lastFailureAt: Schema.optionalKey(timestamp("The latest failure.")),
  lastError: Schema.optionalKey(Schema.String),
  successRate: finite(0, 1, "successCount / usageCount (0 before any execution)."),
  wilsonScore: finite(0, 1, "Lower bound of the Wilson interval of the success rate."),
});
const Ranked = Schema.Struct({
  items: Schema.Array(Schema.Struct({ skill: Skill, stats: SkillStats })),
});

const skillPath = "/procedural/agents/{agentId}/skills/{name}";
const skillFields = {
  agentId: AgentId,
  name: Name,
  category: Category,
  description: Schema.optionalKey(anyText(MAX_SKILL_BYTES, "What the skill is for.")),
  metadata: Schema.optionalKey(jsonObject("Free JSON about the skill.")),
};
const Content = anyText(MAX_SKILL_BYTES, "The skill as text (instructions, a prompt, code).");
const Steps = Schema.Array(anyText(MAX_SKILL_BYTES, "One step.")).check(
  Schema.isMaxLength(MAX_STEPS),
);

const saveSkill = defineOperation({
  name: "procedural.saveSkill",
  component: "procedural",
  summary: "Save a skill (a new version when it changed)",
  description:
    "Stores how an agent does something: a named skill in a category, as content text and/or an ordered list of steps (at most 1,000), with an optional description and metadata; at most 4 MiB of JSON in all. Saving an unchanged skill returns the current version; a changed one becomes the next version. Returns the skill.",
  scope: "write",
  http: { method: "PUT", path: skillPath },
  input: Schema.Struct({
    ...skillFields,
    content: Schema.optionalKey(Content),
    steps: Schema.optionalKey(Steps),
  }).check(
    Schema.makeFilter((skill) =>
      skill.content !== undefined || skill.steps !== undefined
        ? undefined
        : { path: ["content"], issue: "content or steps is required" },
    ),
  ),
  output: Skill,
  handler: (skills: ProceduralMemory, { agentId, ...skill }) => skills.saveSkill(agentId, skill),
});

const getSkill = defineOperation({
  name: "procedural.getSkill",
  component: "procedural",
  summary: "Get a skill (its current or a given version)",
  description:
    "Reads one of an agent's skills by name: the current version, or `version`. NOT_FOUND when there is no such skill or version.",
  scope: "read",
  http: { method: "GET", path: skillPath },
  input: Schema.Struct({ agentId: AgentId, name: Name, version: Schema.optionalKey(Version) }),
  output: Skill,
  handler: async (skills: ProceduralMemory, { agentId, name, ...options }) =>
    found(await skills.getSkill(agentId, name, options), "skill", name),
});

const listSkills = defineOperation({
  name: "procedural.listSkills",
  component: "procedural",
  summary: "List an agent's skills",
  description:
    "Pages through the current versions of an agent's skills in name order, optionally of one category. Use it to see what an agent knows how to do.",
  scope: "read",
  http: { method: "GET", path: "/procedural/agents/{agentId}/skills" },
  input: Schema.Struct({
    agentId: AgentId,
    category: Schema.optionalKey(Category),
    ...pageFields(DEFAULT_PAGE, MAX_PAGE),
  }),
  output: page(Skill),
  handler: (skills: ProceduralMemory, { agentId, ...options }) =>
    skills.listSkills(agentId, options),
});

const listVersions = defineOperation({
  name: "procedural.listVersions",
  component: "procedural",
  summary: "List a skill's versions",
  description:
    "Pages through every saved version of one skill, oldest first, the current one last; empty when there is no such skill.",
  scope: "read",
  http: { method: "GET", path: `${skillPath}/versions` },
  input: Schema.Struct({ agentId: AgentId, name: Name, ...pageFields(DEFAULT_PAGE, MAX_PAGE) }),
  output: page(Skill),
  handler: (skills: ProceduralMemory, { agentId, name, ...options }) =>
    skills.listVersions(agentId, name, options),
});

const listAgents = defineOperation({
  name: "procedural.listAgents",
  component: "procedural",
  summary: "List agents that hold skills",
  description: "Pages through the agents holding skills, in id order, with how many each holds.",
  scope: "read",
  http: { method: "GET", path: "/procedural/agents" },
  input: Schema.Struct(pageFields(DEFAULT_PAGE, MAX_PAGE)),
  output: page(Schema.Struct({ agentId: AgentId, skillCount: Count })),
  handler: (skills: ProceduralMemory, options) => skills.listAgents(options),
});

const deleteSkill = defineOperation({
  name: "procedural.deleteSkill",
  component: "procedural",
  summary: "Delete a skill",
  description:
    "Deletes one of an agent's skills with all its versions and statistics. Returns whether there was one.",
  scope: "write",
  http: { method: "DELETE", path: skillPath },
  input: Schema.Struct({ agentId: AgentId, name: Name }),
  output: Deleted,
  handler: async (skills: ProceduralMemory, { agentId, name }) => ({
    deleted: await skills.deleteSkill(agentId, name),
  }),
});

const recordExecution = defineOperation({
  name: "procedural.recordExecution",
  component: "procedural",
  summary: "Count one use of a skill",
  description:
    "Records that an agent used a skill: success or failure, how long it took (ms, fractions allowed, at most a day) and the error of a failure. Concurrent records are never lost. The counts feed bestSkills, mostUsed and recentlyUsed. NOT_FOUND when there is no such skill.",
  scope: "write",
  http: { method: "POST", path: `${skillPath}/executions` },
  input: Schema.Struct({
    agentId: AgentId,
    name: Name,
    success: Schema.Boolean,
    durationMs: finite(0, MAX_EXECUTION_MS, "How long it took, ms (at most 86,400,000)."),
    error: Schema.optionalKey(text(MAX_ERROR_BYTES, "What went wrong (at most 16 KiB).")),
  }),
  output: Done,
  handler: async (skills: ProceduralMemory, { agentId, name, ...execution }) => {
    await skills.recordExecution(agentId, name, execution);
    return DONE;
  },
});

const getStats = defineOperation({
  name: "procedural.getStats",
  component: "procedural",
  summary: "Get a skill's success statistics",
  description:
    "Reads a skill's counts: successes, failures, durations, last use and error, success rate and its Wilson lower bound (zeros before the first execution). NOT_FOUND when there is no such skill.",
  scope: "read",
  http: { method: "GET", path: `${skillPath}/stats` },
  input: Schema.Struct({ agentId: AgentId, name: Name }),
  output: SkillStats,
  handler: async (skills: ProceduralMemory, { agentId, name }) =>
    found(await skills.getStats(agentId, name), "skill", name),
});

const rankLimit = Schema.optionalKey(limit(DEFAULT_RANK_LIMIT, MAX_RANK_LIMIT));

const bestSkills = defineOperation({
  name: "procedural.bestSkills",
  component: "procedural",
  summary: "The most reliable skills of a category",
  description:
    "Ranks an agent's skills of one category by the Wilson lower bound of their success rate (then usage, then name): the skills most likely to work. minExecutions leaves out skills used fewer times. Returns { items: [{ skill, stats }] }, at most limit (default 10).",
  scope: "read",
  http: { method: "GET", path: "/procedural/agents/{agentId}/categories/{category}/best" },
  input: Schema.Struct({
    agentId: AgentId,
    category: Category,
    limit: rankLimit,
    minExecutions: Schema.optionalKey(
      int(0, Number.MAX_SAFE_INTEGER, "Only skills executed at least this many times."),
    ),
  }),
  output: Ranked,
  handler: async (skills: ProceduralMemory, { agentId, category, ...options }) => ({
    items: await skills.bestSkills(agentId, category, options),
  }),
});

const usageInput = Schema.Struct({
  agentId: AgentId,
  category: Schema.optionalKey(Category),
  limit: rankLimit,
});

const mostUsed = defineOperation({
  name: "procedural.mostUsed",
  component: "procedural",
  summary: "An agent's most used skills",
  description:
    "Ranks an agent's executed skills (optionally of one category) by how often they were used, most first. Returns { items: [{ skill, stats }] }, at most limit (default 10).",
  scope: "read",
  http: { method: "GET", path: "/procedural/agents/{agentId}/most-used" },
  input: usageInput,
  output: Ranked,
  handler: async (skills: ProceduralMemory, { agentId, ...options }) => ({
    items: await skills.mostUsed(agentId, options),
  }),
});

const recentlyUsed = defineOperation({
  name: "procedural.recentlyUsed",
  component: "procedural",
  summary: "An agent's recently used skills",
  description:
    "Lists an agent's executed skills (optionally of one category) by their latest execution, most recent first. Returns { items: [{ skill, stats }] }, at most limit (default 10).",
  scope: "read",
  http: { method: "GET", path: "/procedural/agents/{agentId}/recently-used" },
  input: usageInput,
  output: Ranked,
  handler: async (skills: ProceduralMemory, { agentId, ...options }) => ({
    items: await skills.recentlyUsed(agentId, options),
  }),
});

export const procedural = defineComponent({
  key: "procedural",
  namespace: "procedural",
  create: (store) => new ProceduralMemory(store),
  operations: [
    saveSkill,
    getSkill,
    listSkills,
    listVersions,
    listAgents,
    deleteSkill,
    recordExecution,
    getStats,
    bestSkills,
    mostUsed,
    recentlyUsed,
  ],
});
