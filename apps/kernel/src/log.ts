/**
 * Structured JSON logs, one object a line. Lines are batched and written once per event-loop
 * turn: a write per request cost more than the request's own work in the earlier attempt.
 * Never give it a token, a URL with a password, or a request body.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

export interface LogSink {
  write(chunk: string): unknown;
}

export class Logger {
  readonly #min: number;
  readonly #sink: LogSink;
  #pending: string[] = [];
  #scheduled = false;

  constructor(level: LogLevel = "info", sink: LogSink = process.stdout) {
    this.#min = RANK[level];
    this.#sink = sink;
  }

  enabled(level: LogLevel): boolean {
    return RANK[level] >= this.#min;
  }

  log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < this.#min) return;
    this.#pending.push(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  info(msg: string, fields?: Record<string, unknown>): void {
    this.log("info", msg, fields);
  }

  warn(msg: string, fields?: Record<string, unknown>): void {
    this.log("warn", msg, fields);
  }

  error(msg: string, fields?: Record<string, unknown>): void {
    this.log("error", msg, fields);
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const lines = `${this.#pending.join("\n")}\n`;
    this.#pending = [];
    this.#sink.write(lines);
  }
}
