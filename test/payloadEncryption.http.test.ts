import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { Authenticator } from '../client/auth/authenticator';
import { SESSION_COOKIE, WebSessions } from '../client/auth/webSessions';
import { loadConfig } from '../client/config';
import { createApiApp } from '../client/http/apiServer';
import { temporalUiOrigins } from '../client/http/codecRoutes';
import type { IdempotencyKeys } from '../client/http/idempotencyKeys';
import type { Operations } from '../client/operations';
import { PayloadEncryptionCodec } from '../client/payloadEncryption';
import { keyringOf } from '../client/payloadKeyring';
import { RequestRateLimits } from '../client/http/requestRateLimits';

/**
 * The codec endpoint the Temporal Web UI calls: the API's own token and session
 * checks, the decode permission, CORS for the UI's origin, refusals naming the payload.
 */
const UI = 'http://localhost:8233';
const PERSONAL = { candidateName: 'Marguerite Quillfeather' };
const keyring = keyringOf('k1', { k1: Buffer.alloc(32, 9).toString('base64') });
const codec = new PayloadEncryptionCodec(keyring);

interface Context {
  dir: string;
  app: ReturnType<typeof createApiApp>;
  authenticator: Authenticator;
  sessions: WebSessions;
}
const codecApi = suite<Context>('codec endpoint');

codecApi.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'ses-codec-api-'));
  const config = loadConfig({ DATA_DIR: context.dir, AUTH_USERS_FILE: join(__dirname, '..', 'config', 'users.json') });
  context.authenticator = await Authenticator.fromConfig(config);
  context.sessions = await WebSessions.fromConfig(config);
  context.app = createApiApp({
    // The codec routes touch neither the operations (but for noting who was seen) nor the idempotency store.
    operations: { seen: () => undefined } as unknown as Operations,
    authenticator: context.authenticator,
    idempotency: {} as IdempotencyKeys,
    web: { config, sessions: context.sessions },
    temporalCodec: { codec, origins: temporalUiOrigins(config) },
    rateLimits: RequestRateLimits.fromConfig({ RATE_LIMIT_PER_MINUTE: 60, RATE_LIMIT_BURST: 20 }),
  });
});
codecApi.after((context) => rmSync(context.dir, { recursive: true, force: true }));

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(payload.data!).toString('base64'),
});
const sealedJson = async () => toJson((await codec.encode([defaultPayloadConverter.toPayload(PERSONAL)!]))[0]!);

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
/** A codec answer or a problem document. */
interface Answer {
  payloads?: JsonPayload[];
  rule?: string;
  detail?: string;
  issues?: { field: string; rule: string; message: string }[];
}

const post = async (context: Context, path: string, { as, body, headers = {} }: { as?: string; body: unknown; headers?: Record<string, string> }) => {
  const token = as === undefined ? undefined : (await context.authenticator.mint(as)).token;
  const response = await context.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer };
};

codecApi('an auditor decodes: sealed payloads open, plain ones come back as they were', async (context) => {
  const plain = toJson(defaultPayloadConverter.toPayload({ status: 'APPROVED' })!);
  const answer = await post(context, '/codec/decode', { as: 'aud-frank', body: { payloads: [await sealedJson(), plain] } });
  assert.is(answer.status, 200, JSON.stringify(answer.json));
  const [opened, passed] = answer.json.payloads!;
  assert.equal(JSON.parse(Buffer.from(opened!.data, 'base64').toString()), PERSONAL);
  assert.is(Buffer.from(opened!.metadata.encoding!, 'base64').toString(), 'json/plain');
  assert.equal(passed, plain);
  // The Web UI on its origin may read the answer, with credentials; nobody caches personal data.
  assert.is(answer.headers.get('access-control-allow-origin'), UI);
  assert.is(answer.headers.get('access-control-allow-credentials'), 'true');
  assert.is(answer.headers.get('cache-control'), 'no-store');
});

codecApi('no token: 401 (with CORS headers, so the Web UI can say why)', async (context) => {
  const answer = await post(context, '/codec/decode', { body: { payloads: [await sealedJson()] } });
  assert.is(answer.status, 401);
  assert.is(answer.json.rule, 'unauthenticated');
  assert.is(answer.headers.get('access-control-allow-origin'), UI);
  const forged = await post(context, '/codec/decode', { body: { payloads: [] }, headers: { authorization: 'Bearer not.a.token' } });
  assert.is(forged.status, 401);
});

codecApi('a person who may not read cases: 403 (an executive decoding; an auditor encoding)', async (context) => {
  const decode = await post(context, '/codec/decode', { as: 'ex-rivera', body: { payloads: [await sealedJson()] } });
  assert.is(decode.status, 403);
  assert.match(JSON.stringify(decode.json), /temporal\.decode/);
  const encode = await post(context, '/codec/encode', { as: 'aud-frank', body: { payloads: [] } });
  assert.is(encode.status, 403);
});

codecApi('an HR specialist encodes: sealed with the active key, and it decodes back', async (context) => {
  const plain = toJson(defaultPayloadConverter.toPayload(PERSONAL)!);
  const encoded = await post(context, '/codec/encode', { as: 'hr-ana', body: { payloads: [plain] } });
  assert.is(encoded.status, 200);
  const [sealed] = encoded.json.payloads!;
  assert.is(Buffer.from(sealed!.metadata['encryption-key-id']!, 'base64').toString(), 'k1');
  assert.not.ok(Buffer.from(sealed!.data, 'base64').includes('Quillfeather'));
  const decoded = await post(context, '/codec/decode', { as: 'hr-ana', body: { payloads: [sealed] } });
  assert.equal(decoded.json.payloads, [plain]);
});

codecApi('a tampered payload, an unknown key and a malformed body are 4xx problems naming the payload or field', async (context) => {
  const sealed = await sealedJson();
  const flipped = Buffer.from(sealed.data, 'base64');
  flipped[30]! ^= 1;
  const tampered = await post(context, '/codec/decode', { as: 'aud-frank', body: { payloads: [sealed, { ...sealed, data: flipped.toString('base64') }] } });
  assert.is(tampered.status, 400);
  assert.equal(tampered.json.issues, [{ field: 'payloads.1', rule: 'tampered', message: tampered.json.issues![0]!.message }]);
  const unknown = await post(context, '/codec/decode', {
    as: 'aud-frank',
    body: { payloads: [{ ...sealed, metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('k0').toString('base64') } }] },
  });
  assert.is(unknown.status, 400);
  assert.is(unknown.json.rule, 'payload.unknown-key');
  assert.match(unknown.json.detail ?? JSON.stringify(unknown.json), /"k0"/);
  for (const body of [{ payloads: 'all' }, { payloads: [{ data: 'not base64!' }] }, { payload: [] }]) {
    const refused = await post(context, '/codec/decode', { as: 'aud-frank', body });
    assert.is(refused.status, 400, JSON.stringify(body));
  }
  assert.is((await post(context, '/codec/decode', { as: 'aud-frank', body: '{"payloads": [' })).status, 400);
  assert.is((await post(context, '/codec/decode', { as: 'aud-frank', body: { payloads: [] }, headers: { 'content-type': 'text/plain' } })).status, 415);
});

codecApi('CORS preflight: the Temporal Web UI origin is answered 204 with what it may send; another origin 403', async (context) => {
  const preflight = (origin: string) =>
    context.app.request('/codec/decode', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-namespace, authorization' },
    });
  const allowed = await preflight(UI);
  assert.is(allowed.status, 204);
  assert.is(allowed.headers.get('access-control-allow-origin'), UI);
  assert.is(allowed.headers.get('access-control-allow-credentials'), 'true');
  assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
  for (const header of ['authorization', 'content-type', 'x-namespace']) assert.match(allowed.headers.get('access-control-allow-headers') ?? '', header);
  const other = await preflight('https://evil.example');
  assert.is(other.status, 403);
  assert.is(other.headers.get('access-control-allow-origin'), null);
  // A request from another origin gets no CORS headers: a browser keeps the answer from that page.
  const answer = await post(context, '/codec/decode', { as: 'aud-frank', body: { payloads: [] }, headers: { origin: 'https://evil.example' } });
  assert.is(answer.headers.get('access-control-allow-origin'), null);
});

codecApi('a browser session (include credentials) works from the Web UI origin, not from another', async (context) => {
  const { principal } = await context.authenticator.mint('aud-frank');
  const { token } = await context.sessions.issue(principal, 'Olivia Frank');
  const cookie = `${SESSION_COOKIE}=${token}`;
  const fromUi = await post(context, '/codec/decode', { body: { payloads: [await sealedJson()] }, headers: { cookie } });
  assert.is(fromUi.status, 200, JSON.stringify(fromUi.json));
  const fromElsewhere = await post(context, '/codec/decode', { body: { payloads: [await sealedJson()] }, headers: { cookie, origin: 'https://evil.example' } });
  assert.is(fromElsewhere.status, 401);
});

codecApi('a person flooding the codec endpoint gets 429 with Retry-After, as on every route', async (context) => {
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) statuses.push((await post(context, '/codec/decode', { as: 'm-lee', body: { payloads: [] } })).status);
  assert.ok(
    statuses.slice(0, 15).every((status) => status === 200),
    statuses.join(' '),
  );
  const limited = await post(context, '/codec/decode', { as: 'm-lee', body: { payloads: [] } });
  assert.is(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.is(limited.headers.get('access-control-allow-origin'), UI);
});

codecApi.run();
