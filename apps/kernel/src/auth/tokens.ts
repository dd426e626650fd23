/**
 * Bearer tokens. A token is `mnemo_` + 32 random bytes (base64url); the config stores only
 * `sha256:<hex>` of it. 256 random bits need no slow hash: nobody can guess a preimage. A
 * presented token is hashed and compared with every configured hash in constant time, so
 * neither the comparison nor where it stops says how close a guess came.
 *
 * A keep-alive connection remembers the header it last proved: the next request on it with
 * the same bytes (compared in constant time) skips the hash, which was half the kernel's own
 * CPU per request. Nothing crosses connections, a connection only ever learns what it sent
 * itself, and the memory belongs to this Authenticator: one built from a new config starts
 * empty, so a token revoked there stops working on its first request.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { AuthConfig } from "../config/resolve.js";
import type { TokenEntry } from "../config/schema.js";
import type { Scope } from "../operations/define.js";

export const TOKEN_PREFIX = "mnemo_";

export interface Principal {
  readonly tenant: string;
  readonly scopes: ReadonlySet<Scope>;
  /** The token entry's name, for logs (never the token). */
  readonly name?: string;
}

export function hashToken(token: string): string {
  return `sha256:${createHash("sha256").update(token, "utf8").digest("hex")}`;
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** `mnemo token create`: the token (shown once) and the TOML entry to paste. */
export function createToken(tenant: string, scopes: readonly Scope[], name?: string) {
  const token = generateToken();
  const entry: TokenEntry = {
    hash: hashToken(token),
    tenant,
    scopes: [...scopes],
    ...(name === undefined ? {} : { name }),
  };
  const fields = [
    `hash = ${JSON.stringify(entry.hash)}`,
    `tenant = ${JSON.stringify(tenant)}`,
    `scopes = [${scopes.map((s) => JSON.stringify(s)).join(", ")}]`,
    ...(name === undefined ? [] : [`name = ${JSON.stringify(name)}`]),
  ];
  return { token, entry, toml: `[[auth.tokens]]\n${fields.join("\n")}\n` };
}

/** admin implies write, write implies read. */
export function grants(scopes: ReadonlySet<Scope>, needed: Scope): boolean {
  if (scopes.has("admin")) return true;
  if (needed === "read") return scopes.has("read") || scopes.has("write");
  return scopes.has(needed);
}

interface KnownToken {
  readonly digest: Buffer;
  readonly principal: Principal;
}

/** What one connection last proved: the exact header bytes and their principal. */
interface Proved {
  readonly header: Buffer;
  readonly principal: Principal;
}

export class Authenticator {
  readonly #tokens: KnownToken[];
  readonly #none: Principal | undefined;
  readonly #proved = new WeakMap<object, Proved>();

  constructor(auth: AuthConfig, extra: readonly TokenEntry[] = []) {
    if (auth.mode === "none") {
      this.#none = { tenant: auth.tenant, scopes: new Set(["read", "write", "admin"]) };
      this.#tokens = [];
      return;
    }
    this.#tokens = [...auth.tokens, ...extra]
      .filter((entry) => entry.revoked !== true)
      .map((entry) => ({
        digest: Buffer.from(entry.hash.slice("sha256:".length), "hex"),
        principal: {
          tenant: entry.tenant,
          scopes: new Set(entry.scopes),
          ...(entry.name === undefined ? {} : { name: entry.name }),
        },
      }));
  }

  get open(): boolean {
    return this.#none !== undefined;
  }

  get tokenCount(): number {
    return this.#tokens.length;
  }

  /**
   * The principal of an `Authorization` header, or `undefined` (→ 401). `connection` (the
   * request's socket) keys the memory of the last header that connection proved.
   */
  authenticate(header: string | undefined, connection?: object): Principal | undefined {
    if (this.#none !== undefined) return this.#none;
    if (header === undefined || header.length > 512) return undefined;
    if (connection === undefined) return this.#verify(header);
    const bytes = Buffer.from(header, "latin1");
    const proved = this.#proved.get(connection);
    if (
      proved !== undefined &&
      proved.header.length === bytes.length &&
      timingSafeEqual(proved.header, bytes)
    ) {
      return proved.principal;
    }
    const principal = this.#verify(header);
    if (principal === undefined) this.#proved.delete(connection);
    else this.#proved.set(connection, { header: bytes, principal });
    return principal;
  }

  /** Hashes the token and compares it with every known hash. */
  #verify(header: string): Principal | undefined {
    const match = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)\s*$/i.exec(header);
    if (match === null) return undefined;
    const digest = createHash("sha256")
      .update(match[1] as string, "utf8")
      .digest();
    let found: Principal | undefined;
    for (const known of this.#tokens) {
      // Every entry is compared, so the time does not say which one matched.
      if (timingSafeEqual(known.digest, digest) && found === undefined) found = known.principal;
    }
    return found;
  }
}
