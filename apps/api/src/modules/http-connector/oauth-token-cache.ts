import { Injectable } from '@nestjs/common';

export type CachedToken = {
  accessToken: string;
  tokenType: string;
  /** Seconds, as the token endpoint said (expires_in); undefined when it did not. */
  expiresIn: number | undefined;
  /** ms since epoch; undefined when the endpoint did not say. */
  expiresAt: number | undefined;
  scope: string | undefined;
};

/** Tokens are refreshed this long before they expire, so a request never carries a dying token. */
export const TOKEN_EXPIRY_MARGIN_MS = 30_000;
/** Without expires_in a token is reused this long (a 401 still refreshes it earlier). */
export const TOKEN_DEFAULT_LIFETIME_MS = 300_000;

type Entry = { fingerprint: string; token: CachedToken; usableUntil: number };

/**
 * OAuth access tokens per connector, in memory. An entry is tied to a fingerprint of the
 * settings that produced it (token URL, client id, scope, audience, secret), so changing any of
 * them fetches a new token. Concurrent callers share one in-flight fetch.
 */
@Injectable()
export class OAuthTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<CachedToken> }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(connectorId: string, fingerprint: string, fetch: () => Promise<CachedToken>, opts: { fresh?: boolean } = {}): Promise<CachedToken> {
    const entry = this.entries.get(connectorId);
    if (!opts.fresh && entry && entry.fingerprint === fingerprint && this.now() < entry.usableUntil) return entry.token;
    const pending = this.inFlight.get(connectorId);
    if (pending && pending.fingerprint === fingerprint) return pending.promise;
    const promise = fetch().then(
      (token) => {
        this.entries.set(connectorId, { fingerprint, token, usableUntil: this.usableUntil(token) });
        return token;
      },
      (err: unknown) => {
        this.entries.delete(connectorId);
        throw err;
      },
    );
    const tracked = promise.finally(() => {
      if (this.inFlight.get(connectorId)?.promise === tracked) this.inFlight.delete(connectorId);
    });
    this.inFlight.set(connectorId, { fingerprint, promise: tracked });
    return tracked;
  }

  /** Drops the cached token (after a 401, or when the connector is deleted). */
  forget(connectorId: string, accessToken?: string): void {
    const entry = this.entries.get(connectorId);
    if (entry && (accessToken === undefined || entry.token.accessToken === accessToken)) this.entries.delete(connectorId);
  }

  private usableUntil(token: CachedToken): number {
    const expiresAt = token.expiresAt ?? this.now() + TOKEN_DEFAULT_LIFETIME_MS;
    return expiresAt - TOKEN_EXPIRY_MARGIN_MS;
  }
}
