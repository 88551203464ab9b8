import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { assertAccessible, browserSuite, eventually } from './support/browser';
import { REASSIGNMENT_START } from './support/processFixtures';
import { today as agencyToday } from './support/timeSkipping';

/**
 * A reassignment case page in a real Chromium on the real stack: the appointing authority
 * opens the consultation from the inbox and records it, then a notice blocked by the
 * moratorium shows its refusal, with the earliest effective date, next to the date.
 */
const { tests: web, run } = browserSuite('reassignment case page');

run('the appointing authority consults, then a notice into the moratorium is refused next to the effective date, then given after it', async ({ web: w }) => {
  const start = { ...REASSIGNMENT_START, caseId: 'RA-W-1' };
  assert.is((await w.api.call('hr-ana', 'POST', '/reassignment-cases', start)).status, 201);
  await eventually('RA-W-1 started', async () => (await w.api.call('hr-ana', 'GET', '/reassignment-cases/RA-W-1')).body.status === 'PROPOSED');
  const today = await agencyToday(w.stack);
  const change = {
    actor: { id: 'hr-ana', role: 'hr-specialist' },
    action: { type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: today },
  };
  assert.is((await w.api.call('hr-ana', 'POST', '/reassignment-cases/RA-W-1/actions', change)).status, 200);

  const authority = await w.signedIn('aa-wong');
  await eventually('the consultation in the inbox', async () => {
    await authority.goto('/');
    // The inbox loads after the page does: count once it is in (its table, or the word that nothing waits).
    await authority.getByTestId('waiting').or(authority.getByText('Nothing is waiting on you')).waitFor();
    return (await authority.locator('a[href="/reassignment-cases/RA-W-1?decide=RecordConsultation"]').count()) > 0;
  });
  await authority.click('a[href="/reassignment-cases/RA-W-1?decide=RecordConsultation"]');
  await authority.locator('#RecordConsultation').waitFor();
  assert.match(await authority.getByTestId('status-words').innerText(), /consults the executive first/);
  await authority.fill('#field-RecordConsultation-consultedOn', today);
  await authority.fill('#field-RecordConsultation-reasons', 'The grid-modernization office moves to Denver.');
  await authority.fill('#field-RecordConsultation-executivePreferences', 'Prefers Washington; open to Denver.');
  await authority.click('#RecordConsultation button[type=submit]');
  await eventually(
    'consulted',
    async () =>
      /Consulted/i.test(
        await authority
          .getByTestId('status-words')
          .innerText()
          .catch(() => ''),
      ) || (await authority.locator('#IssueNotice').count()) > 0,
  );

  await authority.locator('#IssueNotice').waitFor();
  await authority.fill('#field-IssueNotice-noticeDate', today);
  await authority.fill('#field-IssueNotice-effectiveDate', addDays(today, 60));
  await authority.fill('#field-IssueNotice-reasons', 'The grid-modernization office moves to Denver.');
  await authority.click('#IssueNotice button[type=submit]');
  const refusal = authority.locator('#field-IssueNotice-effectiveDate-error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), new RegExp(`earliest effective date is ${addDays(today, 121)}.*reassignment\\.moratorium\\.blocked`, 's'));
  await assertAccessible(authority, 'reassignment case page with a moratorium refusal');
  await w.screenshot(authority, 'reassignment-moratorium-refusal');

  await authority.fill('#field-IssueNotice-effectiveDate', addDays(today, 121));
  await authority.click('#IssueNotice button[type=submit]');
  await eventually('noticed', async () => (await w.api.call('hr-ana', 'GET', '/reassignment-cases/RA-W-1')).body.status === 'NOTICE_ISSUED');
  await authority.reload();
  await authority.getByTestId('ahead').waitFor();
  assert.match(await authority.getByTestId('ahead').innerText(), new RegExp(addDays(today, 121)));
  assert.match(await authority.getByTestId('key-facts').innerText(), /directed to DOE-SES-0412, outside the commuting area/);
  await w.screenshot(authority, 'reassignment-noticed');
});

web.run();
