import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { authorize } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { PayloadSealError } from '../payloadEncryption';
import { ProblemError, parseInput } from '../problem';
import type { ApiRoute } from './apiRoute';
import { errorAnswer, problemAnswer, respond, type ApiEnv } from './mountRoutes';
import { parseJsonText, readJsonText } from './requestBody';
import { sessionOf, type Identification } from './requestPerson';

/** The codec endpoint the Temporal Web UI calls (Temporal's codec server protocol): what it decodes with and who may call it from a browser. */
export interface TemporalCodecServer {
  codec: PayloadCodec;
  /** Origins of the Temporal Web UIs whose pages may call it (CORS). */
  origins: readonly string[];
}

/** TEMPORAL_UI_ORIGINS, or the dev server's UI as `npm start` runs it. */
export const temporalUiOrigins = (config: Pick<Config, 'TEMPORAL_UI_ORIGINS' | 'TEMPORAL_UI_PORT'>): string[] =>
  config.TEMPORAL_UI_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [
    `http://localhost:${config.TEMPORAL_UI_PORT}`,
    `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`,
  ];

const Base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** A payload in proto3 JSON, as the Web UI sends it: metadata values and data in base64. */
const JsonPayloadSchema = z.object({ metadata: z.record(z.string().min(1).max(256), Base64).optional(), data: Base64.optional() }).openapi('TemporalPayload');
const PayloadsSchema = z.strictObject({ payloads: z.array(JsonPayloadSchema).max(10_000) }).openapi('TemporalPayloads');
type JsonPayload = z.infer<typeof JsonPayloadSchema>;

const fromJson = ({ metadata = {}, data = '' }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(data, 'base64'),
});

const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

const unavailable = (): ProblemError =>
  new ProblemError({
    status: 503,
    error: 'codec-unavailable',
    message: 'this API was started without the payload keyring, so it cannot encode or decode Temporal payloads',
  });

/** Each payload on its own, so a refusal names the one that did not open. */
const transform = async (codec: PayloadCodec | undefined, direction: 'encode' | 'decode', body: unknown): Promise<{ payloads: JsonPayload[] }> => {
  if (codec === undefined) throw unavailable();
  const { payloads } = parseInput(PayloadsSchema, body);
  const done: JsonPayload[] = [];
  for (const [index, payload] of payloads.entries()) {
    try {
      const [result] = await codec[direction]([fromJson(payload)]);
      done.push(toJson(result!));
    } catch (error) {
      if (!(error instanceof PayloadSealError)) throw error;
      throw new ProblemError({
        status: 400,
        error: `payload.${error.rule}`,
        message: `payloads.${index}: ${error.message}`,
        issues: [{ field: `payloads.${index}`, rule: error.rule, message: error.message }],
      });
    }
  }
  return { payloads: done };
};

const PROTOCOL = "Temporal's codec server protocol (the Web UI's codec endpoint is this API's /codec); X-Namespace names the namespace shown";

/** POST /codec/decode and /codec/encode: in the route table for the OpenAPI document, served by mountCodecRoutes. */
export const codecRoutes = (codec: PayloadCodec | undefined): ApiRoute[] => [
  {
    method: 'post',
    path: '/codec/decode',
    operationId: 'decodeTemporalPayloads',
    summary: 'Opens sealed Temporal payloads for the Temporal Web UI',
    tag: 'Temporal',
    who: `case readers (bearer token, or a browser session from an allowed Temporal Web UI origin); ${PROTOCOL}`,
    body: PayloadsSchema,
    success: { status: 200, description: 'the payloads in the clear (plain ones as they were), in order', schema: PayloadsSchema },
    handle: async ({ principal, body }) => {
      authorize(principal, 'temporal.decode');
      return { status: 200, body: await transform(codec, 'decode', body) };
    },
  },
  {
    method: 'post',
    path: '/codec/encode',
    operationId: 'encodeTemporalPayloads',
    summary: 'Seals payloads typed into the Temporal Web UI',
    tag: 'Temporal',
    who: `case readers who may act (not auditors); ${PROTOCOL}`,
    body: PayloadsSchema,
    success: { status: 200, description: 'the payloads sealed with the active key, in order', schema: PayloadsSchema },
    handle: async ({ principal, body }) => {
      authorize(principal, 'temporal.encode');
      return { status: 200, body: await transform(codec, 'encode', body) };
    },
  },
];

const CODEC_BASE = '/codec';

export const isCodecRoute = (route: ApiRoute): boolean => route.path.startsWith(`${CODEC_BASE}/`);

const ALLOWED_HEADERS = 'authorization, content-type, x-namespace';

/**
 * The person: a bearer token (the Web UI's "pass the user access token"), or this
 * application's session cookie ("include cross-origin credentials"), taken only
 * from an allowed origin. No CSRF token: neither route changes anything, and
 * CORS keeps other pages from reading an answer.
 */
const personOf = async (c: Context, identification: Identification, originAllowed: boolean): Promise<Principal> => {
  const authorization = c.req.header('authorization');
  if (authorization === undefined && originAllowed) {
    const session = await sessionOf(c, identification.sessions);
    if (session) return session.principal;
  }
  return identification.authenticator.authenticate(authorization);
};

/** Serves the codec routes with CORS for the Temporal Web UI's origins (preflight included) and the API's bearer-token and session checks. */
export const mountCodecRoutes = (
  app: OpenAPIHono<ApiEnv>,
  routes: readonly ApiRoute[],
  {
    identification,
    origins,
    onAuthenticated,
  }: { identification: Identification; origins: readonly string[]; onAuthenticated?: (principal: Principal) => void },
): void => {
  const corsOf = (c: Context): Record<string, string> => {
    const origin = c.req.header('origin');
    return origin !== undefined && origins.includes(origin)
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : { vary: 'Origin' };
  };
  const sameOrAllowedOrigin = (c: Context): boolean => {
    const origin = c.req.header('origin');
    return origin === undefined || origins.includes(origin) || origin === new URL(c.req.url).origin;
  };
  // Middleware, not an OPTIONS route: the preflight is CORS machinery, not an operation of the API.
  app.use(`${CODEC_BASE}/*`, async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const origin = c.req.header('origin');
    if (origin === undefined || !origins.includes(origin)) {
      const problem = new ProblemError({
        status: 403,
        error: 'cors.origin-not-allowed',
        message: `${origin ?? 'a request without Origin'} may not call ${c.req.path}; the allowed Temporal Web UI origins are ${origins.join(', ') || 'none'} (TEMPORAL_UI_ORIGINS)`,
        issues: [{ field: 'Origin', rule: 'not-allowed', message: `one of ${origins.join(', ') || 'none'}` }],
      });
      return respond(problemAnswer(problem, c.req.path), { vary: 'Origin' });
    }
    return new Response(null, {
      status: 204,
      headers: {
        ...corsOf(c),
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      },
    });
  });
  for (const route of routes) {
    app.post(route.path, async (c) => {
      try {
        const principal = await personOf(c, identification, sameOrAllowedOrigin(c));
        c.set('principal', principal);
        onAuthenticated?.(principal);
        const body = parseJsonText(await readJsonText(c.req.raw));
        const answer = await route.handle({ principal, params: {}, query: {}, body, purpose: undefined, expectedRevision: undefined, requestId: undefined });
        return c.json((answer as { body: unknown }).body as object, answer.status as 200, { ...corsOf(c), 'cache-control': 'no-store' });
      } catch (error) {
        // The Web UI reads a refusal too (401, 403), so it carries the CORS headers.
        return respond(errorAnswer(c, error), corsOf(c));
      }
    });
  }
};
