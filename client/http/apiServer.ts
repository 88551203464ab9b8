import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { ExportFormatSchema } from '../auditor/exportFormat';
import { REPORTS, type Operations } from '../operations';
import type { ListCasesFilter } from '../readModel/queries';
import { ProblemError, parseInput, toProblem, type Problem } from '../problem';

const MAX_BODY_BYTES = 1024 * 1024;

/** Stands in for the person on the one open route; it holds no role, so no operation accepts it. */
const ANONYMOUS = { id: 'anonymous', roles: [] } as unknown as Principal;

const ReplayQuerySchema = z
  .object({
    revision: z.coerce.number().int().nonnegative().optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => q.revision === undefined || q.at === undefined, { message: 'give revision or at, not both' });

interface Call {
  params: Record<string, string>;
  request: IncomingMessage;
  url: URL;
  principal: Principal;
  /** Why the person reads a case (X-Purpose header or ?purpose=): the access log records it. */
  purpose: string | undefined;
}

/** A JSON body, or text with its content type (exports). */
type Answer = { status: number; body: unknown } | { status: number; text: string; contentType: string };

type Handler = (call: Call) => Promise<Answer>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Only GET /health answers without a token. */
  open?: boolean;
}

const StartQuerySchema = z.object({ policyVersion: z.string().min(1).optional() });
const ReportNameSchema = z.enum(REPORTS);
const ReportQuerySchema = z.object({ withinDays: z.coerce.number().int().min(1).max(3660).optional() });
const WhatIfQuerySchema = z.object({ policyVersion: z.string().min(1), until: z.iso.datetime({ offset: true }).optional() });
const ExportQuerySchema = z.object({ format: ExportFormatSchema.default('jsonl'), stream: z.array(z.string().min(1)) });

/** The case-list filters of ?process=&agency=&status=&from=&to= (validated by the read model's schema). */
const caseFilterOf = (url: URL): ListCasesFilter =>
  Object.fromEntries(['process', 'agency', 'status', 'from', 'to'].flatMap((key) => (url.searchParams.has(key) ? [[key, url.searchParams.get(key)!]] : [])));

const QRB_CHANGES = [
  ['board', 'qrb.convene'],
  ['votes', 'qrb.vote'],
  ['resubmission', 'qrb.resubmit'],
  ['withdrawal', 'qrb.withdraw'],
  ['agency-head-transition', 'qrb.transition'],
  ['appointment', 'qrb.appoint'],
] as const;

/**
 * The JSON API: the same operations as the CLI, each call as the person its bearer
 * token names; refusals as Problem bodies with 400/401/403/404/409/422.
 */
export const createApiServer = ({ operations, authenticator, processNames }: { operations: Operations; authenticator: Authenticator; processNames: readonly string[] }): Server => {
  const ok = (body: unknown) => ({ status: 200, body });
  const routes: Route[] = [
    { method: 'GET', pattern: /^\/health$/, open: true, handler: async () => ok({ status: 'ok' }) },
    {
      method: 'POST',
      pattern: /^\/qrb-cases$/,
      handler: async ({ request, principal }) => ({ status: 201, body: await operations.qrb(principal, 'qrb.submit', null, await readJson(request)) }),
    },
    { method: 'GET', pattern: /^\/qrb-cases\/(?<caseId>[^/]+)$/, handler: async ({ params, principal, purpose }) => ok(await operations.status(principal, 'qrb', params.caseId!, purpose)) },
    ...QRB_CHANGES.map(([path, operation]): Route => ({
      method: 'POST',
      pattern: new RegExp(`^/qrb-cases/(?<caseId>[^/]+)/${path}$`),
      handler: async ({ params, request, principal }) => ({
        status: operation === 'qrb.transition' ? 202 : 200,
        body: await operations.qrb(principal, operation, params.caseId!, await readJson(request)),
      }),
    })),
    ...processNames.flatMap((name): Route[] => [
      {
        method: 'POST',
        pattern: new RegExp(`^/${name}-cases$`),
        handler: async ({ request, url, principal }) => {
          const { policyVersion } = parseInput(StartQuerySchema, Object.fromEntries(url.searchParams), 'query');
          return { status: 201, body: await operations.startCase(principal, name, await readJson(request), policyVersion) };
        },
      },
      { method: 'GET', pattern: new RegExp(`^/${name}-cases/(?<caseId>[^/]+)$`), handler: async ({ params, principal, purpose }) => ok(await operations.status(principal, name, params.caseId!, purpose)) },
      {
        method: 'POST',
        pattern: new RegExp(`^/${name}-cases/(?<caseId>[^/]+)/actions$`),
        handler: async ({ params, request, principal }) => ok(await operations.act(principal, name, params.caseId!, await readJson(request))),
      },
    ]),
    { method: 'GET', pattern: /^\/inbox$/, handler: async ({ principal }) => ok(await operations.inbox(principal)) },
    { method: 'POST', pattern: /^\/delegations$/, handler: async ({ request, principal }) => ({ status: 201, body: await operations.grantDelegation(principal, await readJson(request)) }) },
    { method: 'GET', pattern: /^\/delegations\/(?<id>[^/]+)$/, handler: async ({ params, principal }) => ok(await operations.showDelegation(principal, params.id!)) },
    {
      method: 'POST',
      pattern: /^\/delegations\/(?<id>[^/]+)\/revocation$/,
      handler: async ({ params, request, principal }) => ok(await operations.revokeDelegation(principal, params.id!, await readJson(request))),
    },
    {
      method: 'GET',
      pattern: /^\/reports\/(?<name>[^/]+)$/,
      handler: async ({ params, url, principal }) => {
        const { withinDays } = parseInput(ReportQuerySchema, Object.fromEntries(url.searchParams), 'query');
        return ok(await operations.report(principal, parseInput(ReportNameSchema, params.name, 'report'), withinDays));
      },
    },
    { method: 'GET', pattern: /^\/audit\/cases$/, handler: async ({ url, principal }) => ok(await operations.listCases(principal, caseFilterOf(url))) },
    { method: 'GET', pattern: /^\/audit\/verify$/, handler: async ({ principal }) => ok(await operations.auditVerifyAll(principal)) },
    {
      method: 'GET',
      pattern: /^\/audit\/export$/,
      handler: async ({ url, principal, purpose }) => {
        const { format, stream } = parseInput(ExportQuerySchema, { format: url.searchParams.get('format') ?? undefined, stream: url.searchParams.getAll('stream') }, 'query');
        const text = await operations.auditExport(principal, { streams: stream, filter: caseFilterOf(url) }, format, purpose);
        return { status: 200, text, contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' };
      },
    },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/events$/, handler: async ({ params, principal, purpose }) => ok(await operations.auditEvents(principal, params.stream!, purpose)) },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/history$/, handler: async ({ params, principal, purpose }) => ok(await operations.auditHistory(principal, params.stream!, purpose)) },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/verify$/, handler: async ({ params, principal, purpose }) => ok(await operations.auditVerify(principal, params.stream!, purpose)) },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/compare$/, handler: async ({ params, principal, purpose }) => ok(await operations.auditCompare(principal, params.stream!, purpose)) },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/access-log$/, handler: async ({ params, principal }) => ok(operations.accessLogFor(principal, params.stream!)) },
    {
      method: 'GET',
      pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/what-if$/,
      handler: async ({ params, url, principal, purpose }) => {
        const { policyVersion, until } = parseInput(WhatIfQuerySchema, Object.fromEntries(url.searchParams), 'query');
        return ok(await operations.auditWhatIf(principal, params.stream!, policyVersion, until, purpose));
      },
    },
    {
      method: 'GET',
      pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/replay$/,
      handler: async ({ params, url, principal, purpose }) => {
        const point = parseInput(ReplayQuerySchema, Object.fromEntries(url.searchParams), 'query');
        return ok(await operations.auditReplay(principal, params.stream!, point, purpose));
      },
    },
  ];

  return createServer((request, response) => {
    void respond(routes, authenticator, request, response);
  });
};

const respond = async (routes: Route[], authenticator: Authenticator, request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const matching = routes.filter((r) => r.pattern.test(url.pathname));
  const route = matching.find((r) => r.method === request.method);
  try {
    if (!route) {
      throw new ProblemError(
        matching.length > 0
          ? { status: 405, error: 'method-not-allowed', message: `${request.method} is not allowed on ${url.pathname}; use ${matching.map((r) => r.method).join(' or ')}` }
          : { status: 404, error: 'not-found', message: `no route ${request.method} ${url.pathname}` },
      );
    }
    const params = Object.fromEntries(
      Object.entries(route.pattern.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    // Authentication before anything else: a refused call leaves no trace in any case stream.
    const principal = route.open ? ANONYMOUS : await authenticator.authenticate(request.headers.authorization);
    const purpose = request.headers['x-purpose']?.toString() ?? url.searchParams.get('purpose') ?? undefined;
    const answer = await route.handler({ params, request, url, principal, purpose });
    if ('text' in answer) {
      response.writeHead(answer.status, { 'content-type': answer.contentType });
      response.end(answer.text);
    } else {
      send(response, answer.status, answer.body);
    }
  } catch (error) {
    const problem: Problem = toProblem(error);
    send(response, problem.status, problem);
  }
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="ses"' } : {}),
  });
  response.end(JSON.stringify(body, null, 2));
};

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ProblemError({ status: 400, error: 'body-too-large', message: `the body exceeds ${MAX_BODY_BYTES} bytes` });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProblemError({
      status: 400,
      error: 'invalid-json',
      message: `the body is not valid JSON: ${(error as Error).message}`,
      issues: [{ field: '(body)', rule: 'json', message: (error as Error).message }],
    });
  }
};
