import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ZkLiteError } from "@zklite/protocol";

/**
 * Short-lived bearer tokens for provers: `base64url({"sub":name,"exp":ms}) "." base64url(HMAC-SHA256)`.
 * zkSync had every prover mint its own 10 s JWT from the shared secret; here a prover trades the secret for a
 * token at `prover.login`, so the secret crosses the wire once per token, not on every call. The HMAC key is
 * derived from the secret, so every API process of one deployment accepts the others' tokens (no shared state).
 */
export class ProverTokens {
  private readonly key: Buffer;
  private readonly secretDigest: Buffer;

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac("sha256", secret).update("zklite prover token v1").digest();
    this.secretDigest = createHash("sha256").update(secret).digest();
  }

  /** Compares in constant time (of the digests, so the secret's length does not leak either). */
  secretMatches(candidate: string): boolean {
    return timingSafeEqual(createHash("sha256").update(candidate).digest(), this.secretDigest);
  }

  issue(prover: string): { token: string; expiresAt: number } {
    const expiresAt = this.now() + this.ttlMs;
    const payload = Buffer.from(JSON.stringify({ sub: prover, exp: expiresAt })).toString("base64url");
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** The prover name of a valid, unexpired token: `PROVER_UNAUTHORIZED` or `PROVER_TOKEN_EXPIRED` otherwise. */
  verify(token: string): string {
    const [payload, signature, extra] = token.split(".");
    if (payload === undefined || signature === undefined || extra !== undefined) throw unauthorized("malformed token");
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized("bad token signature");
    let claims: { sub?: unknown; exp?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown; exp?: unknown };
    } catch {
      throw unauthorized("malformed token");
    }
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") throw unauthorized("malformed token");
    if (claims.exp <= this.now()) throw new ZkLiteError("PROVER_TOKEN_EXPIRED", "the prover token expired: log in again");
    return claims.sub;
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

function unauthorized(why: string): ZkLiteError {
  return new ZkLiteError("PROVER_UNAUTHORIZED", `prover authentication failed: ${why}`);
}
