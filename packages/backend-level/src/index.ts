// Placeholder until the LevelDB backend lands: the API the backend matrix relies on.
import type { StorageBackend } from "@mnemo/core";

export type Durability = "safe" | "balanced" | "fast";

export interface LevelBackendOptions {
  readonly path: string;
  readonly durability?: Durability;
  readonly namespace?: string;
  readonly tenant?: string;
  readonly maxValueBytes?: number;
}

export async function openLevelBackend(
  options: LevelBackendOptions,
): Promise<StorageBackend & { readonly location: string }> {
  throw new Error(`LevelDB backend not implemented yet (${options.path})`);
}
