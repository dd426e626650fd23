/**
 * Whether some process holds LevelDB's lock on a directory, without taking it. LevelDB locks
 * `<dir>/LOCK` with fcntl (F_SETLK), which Node cannot call; Linux lists every such lock in
 * /proc/locks by device and inode. Checked before this backend reads a directory's files, so
 * files that a live owner is rewriting (compactions, a new MANIFEST) are never mistaken for
 * damage. Elsewhere the answer is `undefined` (unknown).
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/** Linux's dev_t as /proc/locks prints it: `major:minor` in hex. */
function deviceText(dev: number): string {
  const major = ((dev >>> 8) & 0xfff) | (Math.floor(dev / 2 ** 32) & ~0xfff);
  const minor = (dev & 0xff) | ((dev >>> 12) & ~0xff);
  return `${major.toString(16).padStart(2, "0")}:${minor.toString(16).padStart(2, "0")}`;
}

export async function isLocked(directory: string): Promise<boolean | undefined> {
  if (process.platform !== "linux") return undefined;
  let lockFile: { ino: number; dev: number };
  try {
    lockFile = await stat(join(directory, "LOCK"));
  } catch {
    return false; // no LOCK file: nobody holds it
  }
  let locks: string;
  try {
    locks = await readFile("/proc/locks", "utf8");
  } catch {
    return undefined;
  }
  const id = `${deviceText(lockFile.dev)}:${lockFile.ino}`;
  // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
  return locks.split("\n").some((line) => line.split(/\s+/).includes(id));
}
