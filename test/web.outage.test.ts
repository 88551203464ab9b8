import { Client, Connection } from '@temporalio/client';
import * as assert from 'uvu/assert';
import { briefGrpcRetries } from '../client/temporalRetries';
import { startApiUnderTest } from './support/apiUnderTest';
import { assertAccessible, browserSuite } from './support/browser';
import { PROBATION_START } from './support/processFixtures';

/** When a part is down the page says which and what to do, never a blank page. */
const { tests: outage, run } = browserSuite('web pages when a part is down', async ({ web }) => {
  const started = await web.api.call('hr-ana', 'POST', '/probation-cases', { ...PROBATION_START, caseId: 'EX-OUT-1' });
  assert.is(started.status, 201, JSON.stringify(started.body));
});

run('the server out of reach: the next thing the person does says so, and works again once it is back', async ({ web }) => {
  const page = await web.signedIn('hr-ana');
  await page.goto('/probation-cases/EX-OUT-1');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Inbox' }).first().click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /server cannot be reached/i);
  await assertAccessible(page, 'inbox, server out of reach');
  await page.context().setOffline(false);
  await page.reload();
  await page.getByTestId('started').waitFor();
});

run('Temporal out of reach: the case page says the case cannot be shown and why; the inbox (read model) still works', async ({ web }) => {
  const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1 second', interceptors: briefGrpcRetries() });
  const cut = await startApiUnderTest(web.stack, { temporal: new Client({ connection }) });
  try {
    const context = await web.browser.newContext({ baseURL: cut.base });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.click('button[data-user="hr-ana"]');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const started = Date.now();
    const response = await page.goto('/probation-cases/EX-OUT-1');
    assert.is(response?.status(), 200, 'the page itself is served');
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /cannot be shown right now/);
    assert.match(text, /cannot reach Temporal/);
    assert.ok(Date.now() - started < 30_000, `the message came after ${Date.now() - started} ms`);
    await assertAccessible(page, 'case page, Temporal out of reach');
    await context.close();
  } finally {
    await cut.stop();
    await connection.close().catch(() => undefined);
  }
});

outage.run();
