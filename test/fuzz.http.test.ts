import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiRoute } from '../client/http/apiRoute';
import { apiRoutes } from '../client/http/apiServer';
import { queryOf } from '../client/http/mountRoutes';
import type { Operations } from '../client/operations';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { storeSnapshot } from './support/storeSnapshot';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * Generated requests over every route of the route table (and the session and page
 * routes beside it): hostile path segments, query strings, headers and bodies, with a
 * valid token, a forged one or none. None may answer 5xx, the API must be alive after,
 * and the store must be exactly as before: no request here is a valid write.
 *
 * FUZZ_RUNS sets how many requests (default 2,500, about a minute); FUZZ_SEED replays a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const fuzz = suite<{ stack: TestStack; api: ApiUnderTest; tokens: Map<string, string> }>('HTTP fuzz');

/**
 * People with valid tokens. No auditor: an auditor's successful read is rightly entered in
 * the access log, a write; everyone else's reads of cases that do not exist disclose nothing.
 */
const PEOPLE = ['hr-ana', 'opm-kim', 'm-lee', 'sup-ortiz', 'aa-wong', 'ex-rivera', 'emp-okafor', 'admin-root'];

fuzz.before(async (context) => {
  context.stack = await startTestStack();
  // No rate limit: the fuzz is one client sending thousands of requests on purpose.
  context.api = await startApiUnderTest(context.stack, { env: { RATE_LIMIT_PER_MINUTE: '0' } });
  context.tokens = new Map(await Promise.all(PEOPLE.map(async (id) => [id, await context.api.tokenFor(id)] as const)));
});
fuzz.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
});

/** The routes beside the table: the browser's session routes, the pages, the documents and assets. */
const BESIDE_THE_TABLE: Pick<ApiRoute, 'method' | 'path'>[] = [
  { method: 'get', path: '/auth/session' },
  { method: 'post', path: '/auth/session' },
  { method: 'post', path: '/auth/sign-out' },
  { method: 'get', path: '/auth/people' },
  { method: 'get', path: '/' },
  { method: 'get', path: '/sign-in' },
  { method: 'get', path: '/start/{process}' },
  { method: 'get', path: '/audit/streams/{stream}' },
  { method: 'get', path: '/openapi.json' },
  { method: 'get', path: '/docs' },
  { method: 'get', path: '/assets/{file}' },
];

const HOSTILE_SEGMENTS = [
  'QRB-FUZZ-1',
  'qrb-QRB-FUZZ-1',
  'x',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE',
  '%',
  '%00',
  '%0d%0a',
  '%7F',
  '%ED%A0%80',
  '__proto__',
  'constructor',
  'prototype',
  '%F0%9F%92%A5',
  'a'.repeat(4000),
  '-1',
  '1e309',
  'null',
  'undefined',
  '$where',
  '%27%20OR%201%3D1--',
];

/** Any bytes, percent-encoded: most are not UTF-8. */
const percentBytes = fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''));
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent) },
  { weight: 2, arbitrary: percentBytes },
);

const pathOf = (template: string) =>
  fc
    .tuple(
      fc.array(segment, { minLength: 4, maxLength: 4 }),
      fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('/', '/extra', '//', '/..', '/%ZZ') }),
    )
    .map(([segments, tail]) => {
      let i = 0;
      return template.replace(/\{\w+\}/g, () => segments[i++ % segments.length]!) + tail;
    });

interface FuzzRoute {
  method: string;
  path: string;
  query: string[];
}

const queryFor = (route: FuzzRoute) => {
  const name = fc.oneof(fc.constantFrom(...route.query, 'purpose', 'x', '__proto__', 'limit', 'cursor', 'next', 'process'), segment);
  const value = fc.oneof(segment, fc.constantFrom('', '0', '-1', '99999999999999999999', 'qrb', 'true', '[]', '%ZZ'));
  return fc.array(fc.tuple(name, value), { maxLength: 4 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`));
};

/** Printable ASCII: what fetch lets a header hold. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'APPLICATION/JSON;CHARSET=UTF8',
  '',
];

const nestedText = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`);
const json = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      { caseId: fc.jsonValue(), candidate: fc.jsonValue(), memberId: fc.jsonValue(), ratings: fc.jsonValue(), action: fc.jsonValue(), userId: fc.jsonValue() },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);
const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: json },
  { weight: 2, arbitrary: json.chain((text) => fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))) },
  { weight: 1, arbitrary: nestedText },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"a":1,"a":2}',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{}}}',
      '{"caseId":"x","caseId":"y"}',
      'null',
      '""',
      '[]',
      '1e999',
      '\uFEFF{}',
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): string | Uint8Array<ArrayBuffer> => new Uint8Array(bytes)) },
  { weight: 1, arbitrary: fc.constantFrom(1_100_000, 2_000_000).map((size) => `"${'x'.repeat(size)}"`) },
);

type Credentials =
  | { kind: 'person'; id: string }
  | { kind: 'none' }
  | { kind: 'forged' }
  | { kind: 'alg-none' }
  | { kind: 'garbage'; text: string }
  | { kind: 'cookie'; text: string };
const credentials: fc.Arbitrary<Credentials> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PEOPLE).map((id) => ({ kind: 'person' as const, id })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'forged' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'alg-none' as const }) },
  { weight: 1, arbitrary: headerText.map((text) => ({ kind: 'garbage' as const, text })) },
  { weight: 1, arbitrary: headerText.map((text) => ({ kind: 'cookie' as const, text: text.replace(/[;,\s]/g, '') })) },
);

/** Whether a path or query can be read at all: every part percent-decodes to UTF-8 without control characters. */
const readable = (target: string): boolean =>
  target.split(/[/?&=]/).every((part) => {
    try {
      return !/[\u0000-\u001f\u007f]/.test(decodeURIComponent(part.replace(/\+/g, ' ')));
    } catch {
      return false;
    }
  });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Each route as method, path and the query parameters it takes (a counterexample prints short). */
const routes: FuzzRoute[] = [
  ...apiRoutes({ operations: {} as Operations }).map((route) => ({
    method: route.method,
    path: route.path,
    query: Object.keys(queryOf(route).shape),
  })),
  ...BESIDE_THE_TABLE.map((route) => ({ ...route, query: [] })),
];

const fuzzRequest = fc.constantFrom(...routes).chain((route) =>
  fc.record({
    route: fc.constant(route),
    method: fc.oneof(
      { weight: 6, arbitrary: fc.constant(route.method.toUpperCase()) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
    ),
    path: pathOf(route.path),
    query: queryFor(route),
    credentials,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', ''),
    ifMatch: fc.option(fc.oneof(headerText, fc.constantFrom('"0"', '"-1"', '*', 'W/"1"', '"99999999999999999"')), { nil: undefined }),
    idempotencyKey: fc.option(headerText, { nil: undefined }),
    purpose: fc.option(headerText, { nil: undefined }),
    csrf: fc.option(headerText, { nil: undefined }),
    body,
  }),
);
type FuzzRequest = typeof fuzzRequest extends fc.Arbitrary<infer T> ? T : never;

const headersFor = (request: FuzzRequest, tokens: Map<string, string>): Record<string, string> => {
  const { credentials: who } = request;
  const valid = tokens.get('hr-ana')!;
  const [header, payload] = valid.split('.');
  const authorization =
    who.kind === 'person'
      ? `Bearer ${tokens.get(who.id)}`
      : who.kind === 'forged'
        ? `Bearer ${header}.${base64url({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin-root', roles: ['admin', 'auditor'] })}.${valid.split('.')[2]}`
        : who.kind === 'alg-none'
          ? `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'admin-root', roles: ['admin'], iss: 'ses-local', aud: 'ses-api' })}.`
          : who.kind === 'garbage'
            ? who.text
            : undefined;
  return {
    ...(authorization !== undefined ? { authorization } : {}),
    ...(who.kind === 'cookie' ? { cookie: `ses_session=${who.text}` } : {}),
    ...(request.contentType ? { 'content-type': request.contentType } : {}),
    ...(request.accept ? { accept: request.accept } : {}),
    ...(request.ifMatch !== undefined ? { 'if-match': request.ifMatch } : {}),
    ...(request.idempotencyKey !== undefined ? { 'idempotency-key': request.idempotencyKey } : {}),
    ...(request.purpose !== undefined ? { 'x-purpose': request.purpose } : {}),
    ...(request.csrf !== undefined ? { 'x-csrf-token': request.csrf } : {}),
  };
};

fuzz(
  `${RUNS} generated requests over every route: no 5xx, refusals are problem documents, an unreadable path is 400, nothing written, the API alive after`,
  async ({ stack, api, tokens }) => {
    const before = await storeSnapshot(stack.store);
    const statuses = new Map<number, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        const url = `${api.base}${request.path}${request.query}`;
        const carriesBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
        const response = await fetch(url, {
          method: request.method,
          redirect: 'manual',
          headers: headersFor(request, tokens),
          ...(carriesBody ? { body: request.body } : {}),
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `${request.method} ${request.path}${request.query} as ${JSON.stringify(request.credentials)}: ${response.status} ${text.slice(0, 300)}`;
        assert.ok(response.status < 500, where);
        const sent = new URL(url); // as fetch sends it: dot segments resolved
        if (!readable(`${sent.pathname}${sent.search}`)) {
          assert.is(response.status, 400, `an unreadable path or query is refused first: ${where}`);
          if (request.method !== 'HEAD') assert.match(text, /"rule":"request\.(percent-encoding|control-character)"/, where);
        }
        // Every refusal of the API is a problem document; the assets' own 404 and HEAD (no body) aside.
        if (response.status >= 400 && request.method !== 'HEAD' && !request.path.startsWith('/assets/')) {
          assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, where);
          const problem = JSON.parse(text) as { status: number; rule: string };
          assert.is(problem.status, response.status, where);
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), interruptAfterTimeLimit: 10 * 60_000 },
    );
    console.log(
      `  ${RUNS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    assert.is((await fetch(`${api.base}/health`)).status, 200, 'the API is alive');
    assert.is(await storeSnapshot(stack.store), before, 'the store is exactly as before: no stream, no event written');
    assert.ok(statuses.size > 5, `the requests reached many outcomes: ${[...statuses.keys()].join(', ')}`);
  },
);

fuzz.run();
