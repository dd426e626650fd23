import { StorageError } from "@mnemo/core";

/** The classic-level errors in a cause chain (`LEVEL_LOCKED` hides in a failed open's cause). */
function levelChain(error: unknown): { code: string; error: Error }[] {
  const chain: { code: string; error: Error }[] = [];
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") chain.push({ code, error: current });
    current = current.cause;
  }
  return chain;
}

/** A LevelDB file named in a driver message: a table, log, MANIFEST or CURRENT. */
const LEVEL_FILE = /(?:^|[/\s])(\d+\.(?:ldb|sst|log)|MANIFEST-\d+|CURRENT)\b/;

/**
 * I/O errors that mean a file of the store is missing or shorter than LevelDB recorded (a
 * truncated table reads as EINVAL): damage, not a passing condition. Disk full, too many
 * open files or a permission problem stay `UNAVAILABLE`.
 */
const DAMAGE_IO = /No such file or directory|Invalid argument/;

/** A classic-level failure as a StorageError; the driver's error is kept as `cause`. */
export function toStorageError(error: unknown, what: string, location: string): StorageError {
  if (error instanceof StorageError) return error;
  const chain = levelChain(error);
  const codes = chain.map((link) => link.code);
  // The deepest message says why ("Database failed to open" hides it in the cause).
  const deepest = chain.at(-1)?.error ?? error;
  const reason = deepest instanceof Error ? deepest.message : String(deepest);
  const file = LEVEL_FILE.exec(reason)?.[1];
  const details = {
    location,
    levelCodes: codes,
    ...(file === undefined ? {} : { file }),
  };
  const locked = chain.find((link) => link.code === "LEVEL_LOCKED");
  if (locked !== undefined) {
    // The cause is the LEVEL_LOCKED error itself (its message names the LOCK file).
    return new StorageError(
      "UNAVAILABLE",
      `LevelDB directory ${location} is locked (LOCK file ${location}/LOCK held by another process or handle); one process owns a LevelDB directory: close the other handle first`,
      { cause: locked.error, details },
    );
  }
  // classic-level's getSync throws LevelDB's status without a code: match its text too.
  const corruption = codes.includes("LEVEL_CORRUPTION") || reason.startsWith("Corruption:");
  const ioError = codes.includes("LEVEL_IO_ERROR") || reason.startsWith("IO error:");
  if (corruption || (ioError && file !== undefined && DAMAGE_IO.test(reason))) {
    const where = file === undefined ? "" : ` (file ${file})`;
    return new StorageError(
      "CORRUPTED",
      `LevelDB ${what} failed: the store in ${location} is damaged${where}: ${reason}. See repairLevelStore() in the README`,
      { cause: error, details },
    );
  }
  // Closed under the call (the closed check runs first, so this is a close racing the call).
  // A failed open also reports LEVEL_DATABASE_NOT_OPEN, with the reason in its cause.
  const closedCodes = ["LEVEL_DATABASE_NOT_OPEN", "LEVEL_ITERATOR_NOT_OPEN", "LEVEL_ABORTED"];
  if (what !== "open" && closedCodes.includes(codes[0] ?? "")) {
    return new StorageError("CLOSED", `LevelDB ${what} failed: ${location} is closed`, {
      cause: error,
      details,
    });
  }
  return new StorageError("UNAVAILABLE", `LevelDB ${what} failed in ${location}: ${reason}`, {
    cause: error,
    details,
  });
}
