/**
 * The one page shape every listing returns. `nextCursor` is present exactly when there may be
 * more: pass it back as `cursor` for the next page. Cursors are opaque (`encodeCursor`).
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** A page of `items`, with `nextCursor` only when there is one. */
export function page<T>(items: readonly T[], nextCursor: string | undefined): Page<T> {
  return nextCursor === undefined ? { items } : { items, nextCursor };
}
