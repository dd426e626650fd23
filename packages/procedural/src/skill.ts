/** Skills: what an agent knows how to do, one record per (agentId, name), versioned. */
import {
  canonicalJson,
  invalidArgument,
  optional,
  requireArray,
  requireId,
  requireJsonObject,
  requireObject,
  requireString,
  StorageError,
  utf8Length,
} from "@mnemo/core";

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

/** What is stored: the skill and the id of its incarnation (which its version keys carry). */
export interface SkillRecord extends Skill {
  readonly incarnation: string;
}

/** The user-editable part of a skill, checked and copied. */
export type SkillBody = Omit<Skill, "agentId" | "version" | "createdAt" | "updatedAt">;

/** Most steps a skill may have. */
export const MAX_STEPS = 1000;
/** Largest skill (its JSON: content, steps, metadata and the rest), in UTF-8 bytes. */
export const MAX_SKILL_BYTES = 4 * 1024 * 1024;

export function validateSkillInput(input: unknown): SkillBody {
  const raw = requireObject(input, "skill");
  const name = requireId(raw.name, "name");
  const category = requireId(raw.category, "category");
  const description = optional(raw.description, "description", requireString);
  const content = optional(raw.content, "content", requireString);
  let steps: string[] | undefined;
  if (raw.steps !== undefined) {
    steps = requireArray(raw.steps, "steps", MAX_STEPS).map((step, i) =>
      requireString(step, `steps[${i}]`),
    );
  }
  if (content === undefined && steps === undefined) {
    throw invalidArgument("content", `skill ${JSON.stringify(name)} needs content or steps`);
  }
  const metadata = optional(raw.metadata, "metadata", requireJsonObject);
  const body: SkillBody = {
    name,
    category,
    ...(description === undefined ? {} : { description }),
    ...(content === undefined ? {} : { content }),
    ...(steps === undefined ? {} : { steps }),
    ...(metadata === undefined ? {} : { metadata }),
  };
  const bytes = utf8Length(JSON.stringify(body), MAX_SKILL_BYTES);
  if (bytes > MAX_SKILL_BYTES) {
    throw new StorageError(
      "VALUE_TOO_LARGE",
      `skill ${JSON.stringify(name)} is ${bytes} bytes of JSON; at most ${MAX_SKILL_BYTES} are allowed`,
      { details: { field: "skill", limit: MAX_SKILL_BYTES } },
    );
  }
  return body;
}

/** True when saving `body` over `skill` would change nothing the user wrote. */
export function sameBody(skill: Skill, body: SkillBody): boolean {
  return canonicalJson(bodyOf(skill)) === canonicalJson(body);
}

function bodyOf(skill: Skill): SkillBody {
  const { agentId: _a, version: _v, createdAt: _c, updatedAt: _u, ...body } = skill;
  const { incarnation: _i, ...rest } = body as SkillBody & { incarnation?: string };
  return rest;
}

/** The public view of a stored record (without its incarnation). */
export function publicSkill(record: SkillRecord): Skill {
  const { incarnation: _incarnation, ...skill } = record;
  return skill;
}
