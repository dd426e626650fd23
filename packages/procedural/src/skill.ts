/** Skills: what an agent knows how to do, one record per (agentId, name), versioned. */
import { optional, requireId, requireJsonObject, requireString, StorageError } from "@mnemo/core";

export interface SkillInput {
  readonly name: string;
  readonly category: string;
  readonly description?: string;
  /** Free-form body (a prompt, code, a procedure in prose). */
  readonly content?: string;
  /** Or an ordered list of steps. At least one of `content` and `steps` is required. */
  readonly steps?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface Skill {
  readonly agentId: string;
  readonly name: string;
  readonly category: string;
  readonly description?: string;
  readonly content?: string;
  readonly steps?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** 1 for the first save; each save that changes anything adds one. */
  readonly version: number;
  /** Epoch ms of version 1. */
  readonly createdAt: number;
  /** Epoch ms of this version. */
  readonly updatedAt: number;
}

/** The user-editable part of a skill, checked and copied. */
export type SkillBody = Omit<Skill, "agentId" | "version" | "createdAt" | "updatedAt">;

export function validateSkillInput(input: unknown): SkillBody {
  if (input === null || typeof input !== "object") {
    throw new StorageError("INVALID_ARGUMENT", "skill must be an object");
  }
  const raw = input as Record<string, unknown>;
  const name = requireId(raw.name, "name");
  const category = requireId(raw.category, "category");
  const description = optional(raw.description, "description", requireString);
  const content = optional(raw.content, "content", requireString);
  let steps: string[] | undefined;
  if (raw.steps !== undefined) {
    if (!Array.isArray(raw.steps) || raw.steps.some((step) => typeof step !== "string")) {
      throw new StorageError("INVALID_ARGUMENT", "steps must be an array of strings", {
        details: { field: "steps" },
      });
    }
    steps = [...(raw.steps as string[])];
  }
  if (content === undefined && steps === undefined) {
    throw new StorageError("INVALID_ARGUMENT", `skill ${name} needs content or steps`, {
      details: { field: "content" },
    });
  }
  const metadata = optional(raw.metadata, "metadata", requireJsonObject);
  return {
    name,
    category,
    ...(description === undefined ? {} : { description }),
    ...(content === undefined ? {} : { content }),
    ...(steps === undefined ? {} : { steps }),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

/** True when saving `body` over `skill` would change nothing the user wrote. */
export function sameBody(skill: Skill, body: SkillBody): boolean {
  const { agentId: _a, version: _v, createdAt: _c, updatedAt: _u, ...current } = skill;
  return JSON.stringify(canonical(current)) === JSON.stringify(canonical(body));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
