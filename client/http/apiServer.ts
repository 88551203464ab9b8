import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Audit } from '../audit';
import { ProblemError, parseInput, toProblem, type Problem } from '../problem';
import type { AnyProcessCases } from '../processRegistry';
import type { QrbCases } from '../qrbCases';

const MAX_BODY_BYTES = 1024 * 1024;

const ReplayQuerySchema = z
  .object({
    revision: z.coerce.number().int().nonnegative().optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => q.revision === undefined || q.at === undefined, { message: 'give revision or at, not both' });

type Handler = (params: Record<string, string>, request: IncomingMessage, url: URL) => Promise<{ status: number; body: unknown }>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const StartQuerySchema = z.object({ policyVersion: z.string().min(1).optional() });

/** The JSON API: the same operations as the CLI, refusals as Problem bodies with 400/404/409/422. */
export const createApiServer = ({ qrb, audit, processes }: { qrb: QrbCases; audit: Audit; processes: Map<string, AnyProcessCases> }): Server => {
  const ok = (body: unknown) => ({ status: 200, body });
  const routes: Route[] = [
    { method: 'GET', pattern: /^\/health$/, handler: async () => ok({ status: 'ok' }) },
    {
      method: 'POST',
      pattern: /^\/qrb-cases$/,
      handler: async (_p, request) => ({ status: 201, body: await qrb.submit(await readJson(request)) }),
    },
    { method: 'GET', pattern: /^\/qrb-cases\/(?<caseId>[^/]+)$/, handler: async (p) => ok(await qrb.status(p.caseId!)) },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/board$/,
      handler: async (p, request) => ok(await qrb.conveneBoard(p.caseId!, await readJson(request))),
    },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/votes$/,
      handler: async (p, request) => ok(await qrb.castVote(p.caseId!, await readJson(request))),
    },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/resubmission$/,
      handler: async (p, request) => ok(await qrb.resubmit(p.caseId!, await readJson(request))),
    },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/withdrawal$/,
      handler: async (p, request) => ok(await qrb.withdraw(p.caseId!, await readJson(request))),
    },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/agency-head-transition$/,
      handler: async (p, request) => ({ status: 202, body: await qrb.agencyHeadTransition(p.caseId!, await readJson(request)) }),
    },
    {
      method: 'POST',
      pattern: /^\/qrb-cases\/(?<caseId>[^/]+)\/appointment$/,
      handler: async (p, request) => ok(await qrb.recordAppointment(p.caseId!, await readJson(request))),
    },
    ...[...processes].flatMap(([name, cases]): Route[] => [
      {
        method: 'POST',
        pattern: new RegExp(`^/${name}-cases$`),
        handler: async (_p, request, url) => {
          const { policyVersion } = parseInput(StartQuerySchema, Object.fromEntries(url.searchParams), 'query');
          return { status: 201, body: await cases.start(await readJson(request), policyVersion) };
        },
      },
      { method: 'GET', pattern: new RegExp(`^/${name}-cases/(?<caseId>[^/]+)$`), handler: async (p) => ok(await cases.status(p.caseId!)) },
      {
        method: 'POST',
        pattern: new RegExp(`^/${name}-cases/(?<caseId>[^/]+)/actions$`),
        handler: async (p, request) => ok(await cases.act(p.caseId!, await readJson(request))),
      },
    ]),
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/events$/, handler: async (p) => ok(await audit.events(p.stream!)) },
    { method: 'GET', pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/verify$/, handler: async (p) => ok(await audit.verify(p.stream!)) },
    {
      method: 'GET',
      pattern: /^\/audit\/streams\/(?<stream>[^/]+)\/replay$/,
      handler: async (p, _r, url) => {
        const point = parseInput(ReplayQuerySchema, Object.fromEntries(url.searchParams), 'query');
        return ok(await audit.replay(p.stream!, point));
      },
    },
  ];

  return createServer((request, response) => {
    void respond(routes, request, response);
  });
};

const respond = async (routes: Route[], request: IncomingMessage, response: ServerResponse): Promise<void> => {
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
    const { status, body } = await route.handler(params, request, url);
    send(response, status, body);
  } catch (error) {
    const problem: Problem = toProblem(error);
    send(response, problem.status, problem);
  }
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
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
