/** Every component the kernel serves, in the order of the seed's config sections. */
import type { ComponentDef } from "./define.js";
import { sessions } from "./sessions.js";

// biome-ignore lint/suspicious/noExplicitAny: each component has its own instance type
export const components: readonly ComponentDef<any>[] = [sessions];
