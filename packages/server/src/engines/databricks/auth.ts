/**
 * Credentials for the workspace API: a personal access token as is, or an OAuth
 * machine-to-machine token for a service principal, fetched from the workspace's
 * `/oidc/v1/token` (client credentials, `scope=all-apis`) and fetched again before it expires —
 * once for all the requests that need it at that moment.
 * (docs.databricks.com/en/dev-tools/auth/oauth-m2m.html)
 */
import { AbortedError } from '../../http/errors.js';
import { WarehouseError } from './errors.js';

export interface TokenSource {
  /** A bearer token valid now; rejects with an AbortedError when `signal` aborts first. */
  token(signal: AbortSignal | undefined): Promise<string>;
  /** Forgets a token the workspace refused; true when asking again may give another. */
  invalidate(token: string): boolean;
}

export class StaticToken implements TokenSource {
  constructor(private readonly value: string) {}
  token(): Promise<string> {
    return Promise.resolve(this.value);
  }
  invalidate(): boolean {
    return false;
  }
}

interface Issued {
  readonly token: string;
  /** When to fetch the next one (before the token's expiry). */
  readonly refreshAt: number;
}

/** Refresh this long before expiry, at most; a short-lived token is refreshed at half its life. */
const REFRESH_MARGIN_MS = 60_000;

export class OAuthM2M implements TokenSource {
  private current: Issued | undefined;
  private pending: Promise<Issued> | undefined;

  constructor(
    private readonly origin: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly fetcher: typeof fetch,
  ) {}

  async token(signal: AbortSignal | undefined): Promise<string> {
    if (this.current && Date.now() < this.current.refreshAt) return this.current.token;
    // One request for a token however many callers need one; it is not tied to any caller's
    // signal, so a caller going away does not fail the others.
    if (!this.pending) {
      const fetching = this.fetchToken().finally(() => {
        if (this.pending === fetching) this.pending = undefined;
      });
      this.pending = fetching;
      fetching.then((issued) => (this.current = issued)).catch(() => {});
    }
    return (await untilAborted(this.pending, signal)).token;
  }

  invalidate(token: string): boolean {
    if (this.current?.token === token) this.current = undefined;
    return true;
  }

  private async fetchToken(): Promise<Issued> {
    const url = `${this.origin}/oidc/v1/token`;
    const basic = Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString('base64');
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetcher(url, {
          method: 'POST',
          headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: 'grant_type=client_credentials&scope=all-apis',
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        if (attempt < 2) {
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
          continue;
        }
        throw new WarehouseError('unavailable', `Could not reach ${url} for an OAuth token: ${(error as Error).message}`, 503, { retryAfter: 5 });
      }
      const text = await response.text().catch(() => '');
      if (response.ok) {
        let body: { access_token?: unknown; expires_in?: unknown };
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          body = {};
        }
        if (typeof body.access_token !== 'string' || !body.access_token) {
          throw new WarehouseError('auth', `${url} answered without an access_token.`, 502);
        }
        const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
        return { token: body.access_token, refreshAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
      }
      if ((response.status === 429 || response.status >= 500) && attempt < 2) {
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
        continue;
      }
      // OAuth errors are `{ error, error_description }` (RFC 6749 §5.2), not Databricks' error_code.
      let reason = text.slice(0, 300);
      try {
        const body = JSON.parse(text) as { error?: string; error_description?: string };
        reason = [body.error, body.error_description].filter(Boolean).join(': ') || reason;
      } catch {
        // keep the text
      }
      const status = response.status;
      if (status === 429 || status >= 500) throw new WarehouseError('unavailable', `${url} failed (HTTP ${status}): ${reason}`, 503, { retryAfter: 5 });
      throw new WarehouseError('auth', `${url} refused the service principal (HTTP ${status}): ${reason}; check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET.`, 502);
    }
  }
}

/** Settles with `promise`, or rejects with an AbortedError once `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
