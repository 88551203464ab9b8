import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NO_CHROMIUM_MESSAGE, chromiumPath, startWebUnderTest, type WebUnderTest } from './support/browser';

/**
 * Browser sign-in against a real OIDC issuer (panva's oidc-provider, a certified
 * OpenID Provider, in this process): the authorization-code flow with PKCE, the
 * issuer's access token accepted by the API, and no dev sign-in at all.
 */
const oidc = suite<{ web: WebUnderTest; issuer: Server; authorizations: URL[] }>('web sign-in through an OIDC issuer');
const run = chromiumPath() ? oidc : (oidc.skip as unknown as typeof oidc);
if (!chromiumPath()) console.log(NO_CHROMIUM_MESSAGE);

const AUDITOR = { sub: 'olivia.frank', name: 'Olivia Frank', email: 'olivia.frank@agency.example', roles: ['auditor'] };

oidc.before(async (context) => {
  if (!chromiumPath()) return;
  context.authorizations = [];
  // The issuer's address first: the API is configured with it, and the issuer with the API's callback.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  context.issuer = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => context.issuer.listen(0, '127.0.0.1', resolve));
  const issuerUrl = `http://127.0.0.1:${(context.issuer.address() as AddressInfo).port}`;
  context.web = await startWebUnderTest({
    env: { AUTH_ISSUER: issuerUrl, AUTH_JWKS_URL: `${issuerUrl}/jwks`, AUTH_CLIENT_ID: 'ses-web', AUTH_AUDIENCE: 'ses-api' },
  });
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuerUrl, {
    clients: [
      {
        client_id: 'ses-web',
        redirect_uris: [`${context.web.api.base}/auth/oidc/callback`],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: AUDITOR.name, email: AUDITOR.email }) }),
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'https://ses-workflows.example/api',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid profile email', audience: 'ses-api', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId === AUDITOR.sub ? { roles: AUDITOR.roles, email: AUDITOR.email } : {}),
  });
  const callback = provider.callback();
  handle = (req, res) => {
    if (req.url?.startsWith('/auth?')) context.authorizations.push(new URL(req.url, issuerUrl));
    void callback(req, res);
  };
});
oidc.after(async ({ web, issuer }) => {
  await web?.stop();
  // No Chromium: before() started nothing, and a promise waiting on no server would never settle.
  if (issuer) await new Promise((resolve) => issuer.close(resolve));
});

run('the sign-in goes to the issuer with PKCE, comes back signed in at the URL wanted, and the API takes the session', async ({ web, authorizations }) => {
  const page = await web.anonymous();
  await page.goto('/notifications');
  // The issuer's own login page (oidc-provider's development interaction).
  await page.waitForURL((url) => !url.href.startsWith(web.api.base));
  const authorization = authorizations.at(-1)!;
  assert.is(authorization.searchParams.get('code_challenge_method'), 'S256');
  assert.match(authorization.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.is(authorization.searchParams.get('client_id'), 'ses-web');
  await page.fill('input[name="login"]', AUDITOR.sub);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  // The issuer asks the person to let the application act for them.
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.href.startsWith(web.api.base) && url.pathname === '/notifications');
  await page.getByTestId('signed-in').waitFor();
  assert.match(await page.getByTestId('signed-in').innerText(), /Olivia Frank.*olivia\.frank.*Auditor/s);
  const cookie = (await page.context().cookies(web.api.base)).find((c) => c.name === 'ses_session')!;
  assert.ok(cookie.httpOnly);
  assert.is(cookie.sameSite, 'Strict');
  // The auditor's workspace is theirs; the API answers their session like a token.
  assert.is((await page.goto('/audit'))?.status(), 200);
  assert.is(await page.evaluate(async () => (await fetch('/audit/cases', { headers: { accept: 'application/json' } })).status), 200);
});

run('with an issuer configured, the dev sign-in is not served at all', async ({ web }) => {
  const page = await web.anonymous();
  const people = await page.request.get('/auth/people');
  assert.is(people.status(), 404);
  const signIn = await page.request.post('/auth/session', { data: { userId: 'hr-ana' } });
  assert.ok(signIn.status() === 404 || signIn.status() === 405, `POST /auth/session answered ${signIn.status()}`);
  await page.goto('/sign-in');
  assert.not.ok(page.url().startsWith(`${web.api.base}/sign-in`), 'the sign-in page sends the browser to the issuer');
});

oidc.run();
