import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/webSessions';
import { ProblemError } from '../problem';
import { problemAnswer, respond } from './mountRoutes';

/** Buckets kept before the full ones (idle callers) are forgotten: bounds the memory a flood of addresses can take. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per caller: a person (after their token or session is verified) or,
 * for requests without credentials, the client address. Each holds up to `burst`
 * requests and refills at `perMinute`; an empty bucket answers 429 with Retry-After.
 */
export class RequestRateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** RATE_LIMIT_PER_MINUTE (0: no limit) and RATE_LIMIT_BURST. */
  static fromConfig(config: { RATE_LIMIT_PER_MINUTE: number; RATE_LIMIT_BURST: number }): RequestRateLimits | undefined {
    return config.RATE_LIMIT_PER_MINUTE === 0 ? undefined : new RequestRateLimits(config.RATE_LIMIT_PER_MINUTE, config.RATE_LIMIT_BURST);
  }

  /** Counts one request of `caller` ("person hr-ana", "address 10.0.0.7"); throws the 429 when its bucket is empty. */
  take(caller: string): void {
    const now = this.clock();
    const bucket = this.refilled(this.buckets.get(caller), now);
    if (bucket.tokens < 1) {
      this.buckets.set(caller, bucket);
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
      throw new ProblemError({
        status: 429,
        error: 'rate-limited',
        message: `too many requests from ${caller}: at most ${this.perMinute} a minute, in bursts of up to ${this.burst}; retry after ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    }
    this.buckets.set(caller, { tokens: bucket.tokens - 1, at: now });
    if (this.buckets.size > MAX_BUCKETS) this.forgetIdle(now);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now };
    return { tokens: Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs), at: now };
  }

  private forgetIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) if (this.refilled(bucket, now).tokens >= this.burst) this.buckets.delete(caller);
  }
}

const addressOf = (c: Context): string => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';

/**
 * The address's bucket for requests that name no person: those without credentials,
 * and those whose credentials were refused (401), so forged tokens are no way around
 * it. A person's own bucket is taken once they are known (see createApiApp).
 */
export const limitAnonymousRequests =
  (limits: RequestRateLimits): MiddlewareHandler =>
  async (c, next) => {
    const caller = `address ${addressOf(c)}`;
    const credentials = c.req.header('authorization') !== undefined || getCookie(c, SESSION_COOKIE) !== undefined;
    try {
      if (!credentials) limits.take(caller);
      await next();
      if (credentials && c.res.status === 401) limits.take(caller);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.status !== 429) throw error;
      c.res = undefined;
      c.res = respond(problemAnswer(error, c.req.path));
    }
  };
