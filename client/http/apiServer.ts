import { createAdaptorServer } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Server } from 'node:http';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import type { WebSessions } from '../auth/webSessions';
import type { Config } from '../config';
import { observeRequests, serveMetrics, type Observability } from '../observability/observability';
import type { Operations } from '../operations';
import type { ApiRoute } from './apiRoute';
import { appraisalRoutes } from './appraisalRoutes';
import { auditRoutes } from './auditRoutes';
import { caseRoutes } from './caseRoutes';
import { codecRoutes, isCodecRoute, mountCodecRoutes, type TemporalCodecServer } from './codecRoutes';
import { serveDocsPage } from './docsPage';
import type { IdempotencyKeys } from './idempotencyKeys';
import { errorAnswer, mountRoutes, noRouteAnswer, respond, type ApiEnv } from './mountRoutes';
import { OPENAPI_INFO, describeRoutes } from './openApiDocument';
import { limitAnonymousRequests, type RequestRateLimits } from './requestRateLimits';
import { refuseMalformedTargets } from './requestTarget';
import { closeConnectionsLeftMidBody } from './unreadBodies';
import { answerUnparsableRequests } from './unparsableRequests';
import { mountSessionRoutes } from './sessionRoutes';
import { mountWebPages } from './webPages';

export interface ApiServerParts {
  operations: Operations;
  authenticator: Authenticator;
  idempotency: IdempotencyKeys;
  /** Every request's log line, server span and metrics, and GET /metrics (client/observability); absent: none. */
  observability?: Observability;
  /** The web application at the same origin: browser sessions (cookie + CSRF token) and the pages; absent: the JSON API alone. */
  web?: { config: Config; sessions: WebSessions };
  /** Requests a person (or, without credentials, a client address) may make (429 beyond); absent: no limit. */
  rateLimits?: RequestRateLimits;
  /** The Temporal Web UI's codec endpoint (/codec/decode, /codec/encode); absent: those routes answer 503. */
  temporalCodec?: TemporalCodecServer;
}

/** The route table: everything the API answers, and everything its OpenAPI document says. */
export const apiRoutes = ({ operations, temporalCodec }: Pick<ApiServerParts, 'operations' | 'temporalCodec'>): ApiRoute[] => [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'The API is up',
    tag: 'Service',
    who: 'anyone, no token',
    open: true,
    success: { status: 200, description: '{status: "ok"}' },
    handle: async () => ({ status: 200, body: { status: 'ok' } }),
  },
  ...caseRoutes(operations),
  ...appraisalRoutes(operations),
  ...auditRoutes(operations),
  ...codecRoutes(temporalCodec?.codec),
];

/**
 * The JSON API on Hono: the same operations as the CLI, each call as the person its
 * bearer token (or browser session) names; the web application's pages at the same origin; refusals as RFC 9457 problem documents; the OpenAPI 3.1
 * document at /openapi.json and a page reading it at /docs.
 */
export const createApiApp = (parts: ApiServerParts): OpenAPIHono<ApiEnv> => {
  const app = new OpenAPIHono<ApiEnv>();
  if (parts.observability) {
    app.use('*', ...observeRequests(parts.observability));
    app.get('/metrics', serveMetrics(parts.observability));
  }
  if (parts.rateLimits) app.use('*', limitAnonymousRequests(parts.rateLimits));
  app.use('*', refuseMalformedTargets());
  const routes = apiRoutes(parts);
  app.onError((error, c) => respond(errorAnswer(c, error)));
  app.notFound((c) => noRouteAnswer(routes, c));
  if (parts.web) {
    mountWebPages(app, { sessions: parts.web.sessions, signIn: parts.web.config.AUTH_ISSUER === undefined ? 'dev' : 'oidc' });
    mountSessionRoutes(app, { config: parts.web.config, authenticator: parts.authenticator, sessions: parts.web.sessions });
  }
  const identification = { authenticator: parts.authenticator, sessions: parts.web?.sessions };
  const onAuthenticated = (principal: Principal) => {
    parts.rateLimits?.take(`person ${principal.id}`);
    parts.operations.seen(principal);
  };
  mountCodecRoutes(app, routes.filter(isCodecRoute), { identification, origins: parts.temporalCodec?.origins ?? [], onAuthenticated });
  mountRoutes(
    app,
    routes.filter((route) => !isCodecRoute(route)),
    { identification, idempotency: parts.idempotency, onAuthenticated },
  );
  describeRoutes(app, routes);
  const document = app.getOpenAPI31Document(OPENAPI_INFO);
  app.get('/openapi.json', (c) => c.json(document));
  serveDocsPage(app);
  return app;
};

export const createApiServer = (parts: ApiServerParts): Server =>
  answerUnparsableRequests(closeConnectionsLeftMidBody(createAdaptorServer({ fetch: createApiApp(parts).fetch }) as Server));
