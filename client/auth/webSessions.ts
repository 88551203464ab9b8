import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Config } from '../config';
import { ProblemError } from '../problem';
import { LOCAL_TOKEN_ALGORITHM, loadOrCreateLocalSigningKey, type LocalSigningKey } from './localSigningKey';
import { PrincipalSchema, type Principal } from './principal';

/** The cookie a browser session rides in: HttpOnly, SameSite=Strict, Secure over TLS. */
export const SESSION_COOKIE = 'ses_session';
/** The header a page sends with every write: the session's CSRF token (double submit through the page, not a cookie). */
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_ISSUER = 'ses-session';
const SESSION_AUDIENCE = 'ses-web';

const SessionClaimsSchema = z.object({ csrf: z.string().min(16), name: z.string().optional() });

export interface WebSession {
  principal: Principal;
  /** The person's name as the sign-in knew it (users file or the issuer's `name` claim). */
  name: string | undefined;
  /** Sent back by the page in X-CSRF-Token on every write. */
  csrf: string;
  expiresAt: string;
}

const expired = (message: string): ProblemError => new ProblemError({ status: 401, error: 'session-expired', message });

/**
 * Browser sessions: a short-lived token signed by the local key (the same key the
 * embedded default's dev tokens use), holding the person, their roles and a CSRF
 * token. Whoever signed the person in (the dev sign-in or the OIDC issuer), the
 * session is ours: the cookie never carries the issuer's token.
 */
export class WebSessions {
  private constructor(
    private readonly key: LocalSigningKey,
    readonly ttlSeconds: number,
    /** As for bearer tokens (AUTH_CLOCK_TOLERANCE_SECONDS): several API instances' clocks differ. */
    private readonly clockToleranceSeconds: number,
  ) {}

  static async fromConfig(config: Config): Promise<WebSessions> {
    return new WebSessions(
      await loadOrCreateLocalSigningKey(join(config.DATA_DIR, 'auth', 'signing-key.json')),
      config.SESSION_TTL_SECONDS,
      config.AUTH_CLOCK_TOLERANCE_SECONDS,
    );
  }

  async issue(principal: Principal, name: string | undefined): Promise<{ token: string; session: WebSession }> {
    const csrf = randomBytes(24).toString('base64url');
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ roles: principal.roles, csrf, ...(name ? { name } : {}), ...(principal.email ? { email: principal.email } : {}) })
      .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: this.key.kid })
      .setSubject(principal.id)
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.key.privateKey);
    return { token, session: { principal, name, csrf, expiresAt: new Date(expiresAt * 1000).toISOString() } };
  }

  /** The session a cookie holds; a missing, forged or expired one is a 401 the page answers with the sign-in. */
  async verify(token: string): Promise<WebSession> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key.publicKey as Uint8Array, {
        issuer: SESSION_ISSUER,
        audience: SESSION_AUDIENCE,
        clockTolerance: this.clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw expired('the session expired: sign in again');
      throw expired('the session is not valid: sign in again');
    }
    const principal = PrincipalSchema.safeParse({
      id: payload.sub,
      roles: payload.roles,
      ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
    });
    const claims = SessionClaimsSchema.safeParse(payload);
    if (!principal.success || !claims.success) throw expired('the session is not valid: sign in again');
    return { principal: principal.data, name: claims.data.name, csrf: claims.data.csrf, expiresAt: new Date(Number(payload.exp) * 1000).toISOString() };
  }

  /** Signs a short-lived value (the OIDC sign-in's state and PKCE verifier) so it can ride in a cookie. */
  async seal(value: Record<string, string>, ttlSeconds: number): Promise<string> {
    return new SignJWT(value)
      .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: this.key.kid })
      .setIssuer(SESSION_ISSUER)
      .setAudience('ses-oidc-transaction')
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.key.privateKey);
  }

  async unseal(token: string): Promise<Record<string, unknown> | null> {
    try {
      return (await jwtVerify(token, this.key.publicKey as Uint8Array, { issuer: SESSION_ISSUER, audience: 'ses-oidc-transaction' })).payload;
    } catch {
      return null;
    }
  }
}
