import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, importJWK } from 'jose';
import * as assert from 'uvu/assert';
import { PAGE_LIMIT_DEFAULT } from '../client/paging';
import { rotationDefinition } from '../domain/rotation';
import { appendDrivenCase } from './support/appendDrivenCase';
import { assertAccessible, browserSuite, eventually } from './support/browser';
import { rotationStart } from './support/caseCommands';

/** Signing in and out in a real Chromium: sessions, CSRF, the way back to the URL, and what a role does not see. */
const { tests: web, run } = browserSuite('web sign-in');

run('a signed-out browser reaches only the sign-in, and returns to the URL it wanted after signing in', async ({ web: w }) => {
  const page = await w.anonymous();
  for (const path of ['/', '/audit', '/qrb-cases/QRB-1', '/reports/ecq-approval-rates']) {
    await page.goto(path);
    assert.is(new URL(page.url()).pathname, '/sign-in', `${path} sends a signed-out browser to the sign-in`);
  }
  await page.goto('/notifications');
  assert.is(new URL(page.url()).searchParams.get('next'), '/notifications');
  await assertAccessible(page, 'sign-in');
  await w.screenshot(page, 'sign-in');
  await page.click('button[data-user="hr-ana"]');
  await page.waitForURL((url) => url.pathname === '/notifications');
  assert.match(await page.getByTestId('signed-in').innerText(), /Ana Alvarez/);
});

run('the session cookie is HttpOnly and SameSite=Strict; a write without the CSRF token is refused; sign-out ends the session', async ({ web: w }) => {
  const page = await w.signedIn('hr-ana');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ses_session')!;
  assert.ok(cookie.httpOnly);
  assert.is(cookie.sameSite, 'Strict');
  assert.is(await page.evaluate(() => document.cookie), '', 'no script reads the session');
  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the cookie is Secure as well.
  const overTls = await page.request.post('/auth/session', { headers: { 'x-forwarded-proto': 'https' }, data: { userId: 'hr-ana' } });
  assert.match(overTls.headers()['set-cookie'] ?? '', /ses_session=[^;]+;.*HttpOnly.*Secure.*SameSite=Strict/i);
  assert.not.match((await page.request.post('/auth/session', { data: { userId: 'hr-ana' } })).headers()['set-cookie'] ?? '', /Secure/i, 'not over plain HTTP');
  const forged = await page.evaluate(
    async () => (await fetch('/delegations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
  );
  assert.is(forged, 403, 'a write without X-CSRF-Token is refused');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.goto('/');
  assert.is(new URL(page.url()).pathname, '/sign-in');
});

run('the inbox shows who is signed in and in which roles, and a navigation without pages the roles cannot use', async ({ web: w }) => {
  const page = await w.signedIn('m-chen');
  assert.match(await page.getByTestId('signed-in').innerText(), /Wei Chen.*QRB member/s);
  const nav = await page.getByRole('navigation', { name: 'Primary navigation' }).innerText();
  assert.not.match(nav, /Start a case|Reports|Auditor/);
  await assertAccessible(page, 'inbox');
  const response = await page.goto('/audit');
  assert.is(response?.status(), 403, 'a page the roles cannot use answers 403, as the API does');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /may not audit\.read/);
});

run('an expired session returns to the sign-in and, signed in again, to the very page the person was on', async ({ web: w }) => {
  const page = await w.signedIn('hr-ana');
  await page.goto('/delegations');
  await page.getByRole('heading', { level: 1 }).waitFor();
  // The session cookie as it stands after its time ran out: the same key, an expiry in the past.
  const jwk = JSON.parse(readFileSync(join(w.api.config.DATA_DIR, 'auth', 'signing-key.json'), 'utf8'));
  const expired = await new SignJWT({ roles: ['hr-specialist'], csrf: 'x'.repeat(32) })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setSubject('hr-ana')
    .setIssuer('ses-session')
    .setAudience('ses-web')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(await importJWK(jwk, 'ES256'));
  await page.context().addCookies([{ name: 'ses_session', value: expired, url: w.api.base, httpOnly: true, sameSite: 'Strict' }]);
  // The next thing the person does (a link inside the application) meets the expired session.
  await page.getByRole('link', { name: 'Notifications' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  assert.is(new URL(page.url()).searchParams.get('next'), '/notifications');
  await page.click('button[data-user="hr-ana"]');
  await page.waitForURL((url) => url.pathname === '/notifications');
});

run('an inbox longer than a page: the first page, then "Show more" adds the next page once', async ({ web: w }) => {
  // Rotations naming emp-okafor, as their workflows record them: each waits on her statement of interest.
  const ROTATIONS = PAGE_LIMIT_DEFAULT + 5;
  for (let i = 0; i < ROTATIONS; i++) {
    const caseId = `ROT-WEB-${String(i).padStart(3, '0')}`;
    await appendDrivenCase(w.stack.store, rotationDefinition, `rotation-${caseId}`, [rotationStart({ caseId })]);
  }
  await eventually(
    'the read model holds every rotation',
    async () => (await w.api.call('emp-okafor', 'GET', '/inbox?limit=1000')).body.items.length === ROTATIONS,
  );
  const page = await w.signedIn('emp-okafor');
  const rows = page.getByTestId('waiting').locator('tbody tr');
  await page.getByTestId('waiting').waitFor();
  assert.is(await rows.count(), PAGE_LIMIT_DEFAULT, 'one page first');
  assert.match(await page.getByTestId('waiting').locator('caption').innerText(), new RegExp(`^${PAGE_LIMIT_DEFAULT} decisions shown`));
  await page.getByRole('button', { name: 'Show more decisions' }).click();
  // Gone once the last page is in (while it loads, it reads "Loading more decisions…").
  await page.getByRole('button', { name: /more decisions/ }).waitFor({ state: 'detached' });
  assert.is(await rows.count(), ROTATIONS, 'the next page added below, once');
  const cases = await rows.locator('code').allInnerTexts();
  assert.equal(
    [...cases].sort(),
    Array.from({ length: ROTATIONS }, (_, i) => `ROT-WEB-${String(i).padStart(3, '0')}`),
    'every rotation, none twice',
  );
  await assertAccessible(page, 'inbox, two pages');
});

web.run();
