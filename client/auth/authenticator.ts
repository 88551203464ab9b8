import { join } from 'node:path';
import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { Config } from '../config';
import { ProblemError } from '../problem';
import { LOCAL_TOKEN_ALGORITHM, loadOrCreateLocalSigningKey, type LocalSigningKey } from './localSigningKey';
import { PrincipalSchema, type Principal } from './principal';
import { People } from './people';

/** The issuer of the embedded default's dev tokens. */
export const LOCAL_ISSUER = 'ses-local';
/** Dev tokens are short-lived: an hour by default, never more than a working day. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const MAX_TOKEN_TTL_SECONDS = 12 * 3600;

const unauthenticated = (message: string): ProblemError => new ProblemError({ status: 401, error: 'unauthenticated', message });

const HOW_TO_GET_A_TOKEN =
  'send `Authorization: Bearer <token>` (CLI: set SES_TOKEN or pass --token); for the embedded default, `ses token mint <user-id>` makes one';

/**
 * Turns a bearer token into the person acting: a JWT signed by the local key
 * (embedded default) or by the OIDC issuer whose JWKS is configured.
 */
export class Authenticator {
  private constructor(
    private readonly verificationKey: KeyLike | Uint8Array | JWTVerifyGetKey,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly rolesClaim: string,
    private readonly local: { key: LocalSigningKey; usersFile: string } | null,
    /** Seconds a token's exp and nbf may be off this clock (AUTH_CLOCK_TOLERANCE_SECONDS): the issuer's clock is not ours. */
    private readonly clockToleranceSeconds: number,
  ) {}

  static async fromConfig(config: Config): Promise<Authenticator> {
    if (config.AUTH_JWKS_URL !== undefined && config.AUTH_ISSUER !== undefined) {
      return new Authenticator(
        createRemoteJWKSet(new URL(config.AUTH_JWKS_URL)),
        config.AUTH_ISSUER,
        config.AUTH_AUDIENCE,
        config.AUTH_ROLES_CLAIM,
        null,
        config.AUTH_CLOCK_TOLERANCE_SECONDS,
      );
    }
    const key = await loadOrCreateLocalSigningKey(join(config.DATA_DIR, 'auth', 'signing-key.json'));
    return new Authenticator(
      key.publicKey,
      LOCAL_ISSUER,
      config.AUTH_AUDIENCE,
      'roles',
      { key, usersFile: config.AUTH_USERS_FILE },
      config.AUTH_CLOCK_TOLERANCE_SECONDS,
    );
  }

  /** The person behind `Bearer <token>` (or a bare token); a missing, bad or expired token is a 401. */
  async authenticate(credentials: string | undefined): Promise<Principal> {
    const token = credentials?.replace(/^Bearer\s+/i, '').trim();
    if (!token) throw unauthenticated(`no bearer token: ${HOW_TO_GET_A_TOKEN}`);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.verificationKey as KeyLike, {
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthenticated(
          `the token expired at ${new Date((error.payload.exp ?? 0) * 1000).toISOString()} (beyond the ${this.clockToleranceSeconds} s allowed for clock skew): ${HOW_TO_GET_A_TOKEN}`,
        );
      if (error instanceof errors.JWTClaimValidationFailed) throw unauthenticated(`the token's "${error.claim}" claim is not accepted: ${error.message}`);
      throw unauthenticated(`the token is not valid (${(error as Error).message})`);
    }
    const email = this.local === null && typeof payload.email === 'string' ? { email: payload.email } : {};
    const principal = PrincipalSchema.safeParse({ id: payload.sub, roles: payload[this.rolesClaim], ...email });
    if (!principal.success) {
      const issue = principal.error.issues[0]!;
      throw unauthenticated(`the token's ${issue.path[0] === 'id' ? '"sub"' : `"${this.rolesClaim}"`} claim is not usable: ${issue.message}`);
    }
    return principal.data;
  }

  /** A short-lived dev token for a user of the users file (embedded default only). */
  async mint(userId: string, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Promise<{ token: string; principal: Principal; expiresAt: string }> {
    if (!this.local)
      throw new ProblemError({
        status: 400,
        error: 'auth.mint.oidc-configured',
        message: `tokens come from the OIDC issuer ${this.issuer}; dev tokens are minted only without AUTH_JWKS_URL`,
      });
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
      throw new ProblemError({ status: 400, error: 'auth.mint.ttl', message: `the lifetime must be 1 to ${MAX_TOKEN_TTL_SECONDS} seconds, not ${ttlSeconds}` });
    }
    const people = People.fromFile(this.local.usersFile);
    const person = people.get(userId);
    if (!person) {
      throw new ProblemError({
        status: 404,
        error: 'auth.mint.unknown-user',
        message: `no user "${userId}" in ${this.local.usersFile}; known: ${people
          .all()
          .map((u) => u.id)
          .join(', ')}`,
      });
    }
    const principal: Principal = { id: person.id, roles: person.roles };
    const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ roles: principal.roles })
      .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, kid: this.local.key.kid })
      .setSubject(principal.id)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.local.key.privateKey);
    return { token, principal, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
