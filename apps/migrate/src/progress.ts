/**
 * Backfill progress: a cli-progress bar (keys/s, MB/s, ETA) on a terminal; on anything else,
 * one plain line per interval, so a log stays readable.
 */
import cliProgress from "cli-progress";
import type { Output } from "./cli.js";

export interface Progress {
  add(keys: number, bytes: number): void;
  stop(): void;
}

const MB = 1024 * 1024;

export function startProgress(
  label: string,
  total: number,
  stream: Output,
  intervalMs = 1000,
): Progress {
  const started = performance.now();
  let keys = 0;
  let bytes = 0;
  const rates = () => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    return { keysPerSec: Math.round(keys / seconds), mbPerSec: (bytes / MB / seconds).toFixed(2) };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} keys | {keysPerSec} keys/s | {mbPerSec} MB/s | ETA {eta_formatted}`,
        stream: stream as NodeJS.WritableStream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, rates());
    return {
      add(k, b) {
        keys += k;
        bytes += b;
        bar.update(Math.min(keys, total), rates());
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = started;
  const line = () => {
    const { keysPerSec, mbPerSec } = rates();
    stream.write(`${label}: ${keys}/${total} keys, ${keysPerSec} keys/s, ${mbPerSec} MB/s\n`);
  };
  return {
    add(k, b) {
      keys += k;
      bytes += b;
      const now = performance.now();
      if (now - last >= intervalMs) {
        last = now;
        line();
      }
    },
    stop() {
      line();
    },
  };
}
