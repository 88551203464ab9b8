import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './mountRoutes';
import { PROCESSES } from '../../domain/processes';
import { authorize, type Operation } from '../auth/permissions';
import type { WebSessions } from '../auth/webSessions';
import { ProblemError } from '../problem';
import { problemDocument } from './problemDocument';
import { sessionOf } from './requestPerson';
import { serveAsset, WEB_BUILD_DIR } from './staticAssets';

/** Every process's name, as a path alternative. */
const PROCESS_NAMES = PROCESSES.map((p) => p.name).join('|');
/** The process names whose cases have a page at the case's own API path, e.g. /probation-cases/EX-1. */
const CASE_PAGE = new RegExp(`^/(${PROCESS_NAMES})-cases/[^/]+$`);

/** Each page, and the operation the person must be allowed for the page to be of any use (the API's own 403 otherwise). */
const PAGES: readonly { path: RegExp; needs: Operation | null }[] = [
  { path: /^\/$/, needs: 'inbox.read' },
  { path: /^\/notifications$/, needs: 'inbox.read' },
  { path: new RegExp(`^/start(/(${PROCESS_NAMES}))?$`), needs: 'case.start' },
  { path: CASE_PAGE, needs: 'case.status' },
  { path: /^\/delegations(\/new)?$/, needs: 'inbox.read' },
  { path: /^\/delegations\/[^/]+$/, needs: 'delegation.read' },
  { path: /^\/reports(\/[^/]+)?$/, needs: 'reports.read' },
  { path: /^\/appraisal(\/panels\/[^/]+)?$/, needs: 'appraisal.agency-view' },
  { path: /^\/audit(\/streams\/[^/]+)?$/, needs: 'audit.read' },
];

/** Paths a browser may open that stay the API's: the documents, the service routes, the session endpoints. */
const NOT_PAGES = /^\/(docs|openapi\.json|metrics|health|auth\/|assets\/)/;

const wantsPage = (c: Context): boolean =>
  (c.req.method === 'GET' || c.req.method === 'HEAD') &&
  c.req.header('authorization') === undefined &&
  (c.req.header('accept') ?? '').includes('text/html') &&
  !NOT_PAGES.test(c.req.path);

/** JSON for a <script> element: nothing in it can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const shell = (boot: Record<string, unknown>): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SES Personnel Actions</title>
<link rel="icon" href="/assets/uswds/img/favicons/favicon.ico">
<link rel="stylesheet" href="/assets/uswds/css/uswds.min.css">
<link rel="stylesheet" href="/assets/app.css">
<script type="application/json" id="ses-boot">${scriptJson(boot)}</script>
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="usa-skipnav" href="#main-content">Skip to main content</a>
<div id="app"><main id="main-content" class="grid-container padding-y-4"><p>Loading SES Personnel Actions&hellip;</p>
<noscript><p>This application needs JavaScript. The same work can be done through the HTTP API (<a href="/docs">/docs</a>) or the <code>ses</code> command line.</p></noscript></main></div>
</body>
</html>`;

/**
 * The web application at the API's origin. A browser navigating to a page gets the
 * application shell (the pages then call the same JSON API the CLI does); a
 * signed-out browser goes to the sign-in with the URL it wanted; a page the
 * person's roles cannot use answers the API's own 403. Requests for JSON fall
 * through to the API, so a case's page and its JSON share one URL.
 */
export const mountWebPages = (app: OpenAPIHono<ApiEnv>, { sessions, signIn }: { sessions: WebSessions; signIn: 'dev' | 'oidc' }): void => {
  app.get('/assets/*', (c) => serveAsset(c));

  app.use('*', async (c, next) => {
    if (!wantsPage(c)) return next();
    const path = c.req.path;
    const wanted = `${path}${new URL(c.req.url).search}`;
    if (path === '/sign-in') {
      if (signIn === 'oidc') return c.redirect(`/auth/oidc/login?next=${encodeURIComponent(c.req.query('next') ?? '/')}`, 303);
      return page(c, 200, {});
    }
    const session = await sessionOf(c, sessions);
    if (!session) return c.redirect(`/sign-in?next=${encodeURIComponent(wanted)}`, 303);
    const known = PAGES.find((p) => p.path.test(path));
    if (!known)
      return page(c, 404, {
        problem: problemDocument(new ProblemError({ status: 404, error: 'not-found', message: `there is no page ${path}` }).problem, path),
      });
    try {
      if (known.needs) authorize(session.principal, known.needs);
    } catch (error) {
      return page(c, 403, { problem: problemDocument((error as ProblemError).problem, path) });
    }
    return page(c, 200, {});
  });
};

const page = (c: Context, status: number, boot: Record<string, unknown>): Response => {
  if (!isBuilt()) {
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built</title></head><body><main><h1>The web application is not built</h1><p>Run <code>npm run build</code> (npm start does it), then reload.</p></main></body></html>`,
      503,
    );
  }
  return c.html(shell(boot), status as 200, { 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'content-security-policy': CONTENT_SECURITY_POLICY });
};

/** Scripts, styles and fonts of this origin only; no inline script runs (the boot data is JSON, not script). */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const isBuilt = (): boolean => {
  try {
    return statSync(join(WEB_BUILD_DIR, 'app.js')).isFile();
  } catch {
    return false;
  }
};
