import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { assertAccessible, browserSuite, eventually, type WebUnderTest } from './support/browser';
import { allRatings, board, submission } from './support/qrbFixtures';
import { today as agencyToday } from './support/timeSkipping';

/** The reports, delegations and notifications pages in a real Chromium, on data set up through the API. */

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', name), 'utf8'));

/** Waits until the case's workflow shows the status (starts are asynchronous). */
const waitForStatus = (w: WebUnderTest, path: string, status: string) =>
  eventually(`${path} reaches ${status}`, async () => (await w.api.call('hr-ana', 'GET', path)).body.status === status);

const { tests: web, run } = browserSuite<{ today: string }>('web reports, delegations, notifications', async (context) => {
  const w = context.web;
  context.today = await agencyToday(w.stack);
  const { today } = context;
  // A QRB case decided by its board (one member finds one ECQ not met): rows for both QRB reports.
  assert.is((await w.api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-WEB-R1' }))).status, 201);
  assert.is((await w.api.call('opm-kim', 'POST', '/qrb-cases/QRB-WEB-R1/board', board())).status, 200);
  for (const memberId of ['m-lee', 'm-patel', 'm-chen']) {
    const ratings = { ...allRatings('ecq-2025'), ...(memberId === 'm-chen' ? { 'driving-efficiency': 'does-not-meet' } : {}) };
    assert.is((await w.api.call(memberId, 'POST', '/qrb-cases/QRB-WEB-R1/votes', { memberId, ratings })).status, 200);
  }
  // A probation that began 330 days ago ends in about five weeks; an onboarding that began 40 days ago has four milestones overdue.
  const probation = { ...example('probation-start.json'), caseId: 'EX-WEB-P1', appointmentEffectiveDate: addDays(today, -330) };
  assert.is((await w.api.call('hr-ana', 'POST', '/probation-cases', probation)).status, 201);
  const onboarding = { ...example('onboarding-start.json'), caseId: 'EX-WEB-O1', appointmentEffectiveDate: addDays(today, -40) };
  assert.is((await w.api.call('hr-ana', 'POST', '/onboarding-cases', onboarding)).status, 201);
  await waitForStatus(w, '/qrb-cases/QRB-WEB-R1', 'APPROVED');
  await waitForStatus(w, '/probation-cases/EX-WEB-P1', 'ON_PROBATION');
});

/** Clicks the report's CSV link and returns the downloaded file's name and lines. */
const downloadCsv = async (page: Page): Promise<{ name: string; lines: string[] }> => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  assert.ok(text.endsWith('\r\n'), 'CSV lines end with CRLF');
  return { name: download.suggestedFilename(), lines: text.trimEnd().split('\r\n') };
};

const REPORT_CHECKS: { name: string; title: string; header: string; row: RegExp }[] = [
  {
    name: 'qrb-decision-time',
    title: 'Time to QRB decision',
    header: 'Case,Agency,Criterion,Round,Submitted,Decided,Outcome,Days to decision',
    row: /^QRB-WEB-R1,DOE,A,1,\S+,\S+,APPROVED,\d+$/,
  },
  {
    name: 'ecq-approval-rates',
    title: 'Approval rate per ECQ',
    header: 'ECQ,Ratings meets,Ratings does not meet,Meets rate,Rounds passed,Rounds failed',
    row: /^driving-efficiency,2,1,0\.6666666666666666,1,0$/,
  },
  {
    name: 'overdue-onboarding-milestones',
    title: 'Overdue onboarding milestones',
    header: 'Case,Agency,Executive,Milestone,Owner,Due,Days overdue,Escalated',
    row: /^EX-WEB-O1,DOE,ex-rivera,"First week: processing, leadership welcome, critical-issue briefings",supervisor,\S+,33,(true|false)$/,
  },
  {
    name: 'probations-near-end',
    title: 'Probations near their end',
    header: 'Case,Agency,Executive,Supervisor,Appointing authority,Status,Ends,Days left,Assessed,Certified',
    row: /^EX-WEB-P1,DOE,ex-rivera,sup-ortiz,aa-wong,ON_PROBATION,\d{4}-\d{2}-\d{2},3\d,false,false$/,
  },
];

run('the executive-resources office opens each report: a table, a chart, and the same rows as a CSV download', async ({ web: w }) => {
  const page = await w.signedIn('ero-kim');
  await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Reports' }).click();
  await page.waitForURL((url) => url.pathname === '/reports');
  await assertAccessible(page, 'reports list');
  await w.screenshot(page, 'reports');
  for (const report of REPORT_CHECKS) {
    await page.goto('/reports');
    await page.getByRole('link', { name: report.title }).click();
    await page.waitForURL((url) => url.pathname === `/reports/${report.name}`);
    await page.getByTestId('report-table').waitFor();
    const chart = page.getByRole('img', { name: /chart|histogram/i });
    assert.ok(await chart.isVisible(), `${report.name}: a chart`);
    assert.ok((await page.locator('[data-testid="chart"] rect').count()) > 0, `${report.name}: the chart has bars`);
    const csv = await downloadCsv(page);
    assert.is(csv.name, `${report.name}-${new Date().toISOString().slice(0, 10)}.csv`);
    assert.is(csv.lines[0], report.header, `${report.name}: CSV header`);
    assert.ok(
      csv.lines.slice(1).some((line) => report.row.test(line)),
      `${report.name}: a row like ${report.row} in\n${csv.lines.join('\n')}`,
    );
    await assertAccessible(page, `report ${report.name}`);
    await w.screenshot(page, `report-${report.name}`);
  }
  // A narrower window leaves the probation out: the empty state says so.
  await page.goto('/reports/probations-near-end');
  await page.getByLabel('Ending within (days from today)').fill('10');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('No probationary period ends within 10 days.').waitFor();
  assert.is(new URL(page.url()).search, '?withinDays=10');
});

run('an appointing authority grants a delegation, is refused with the rule next to the field first, sees it, and revokes it', async ({ web: w, today }) => {
  const page = await w.signedIn('aa-wong');
  await page.goto('/delegations');
  await page.getByTestId('grant-form').waitFor();
  await assertAccessible(page, 'delegations');
  await page.getByTestId('grant-form').getByLabel('Delegation id').fill('DEL-WEB-1');
  await page.getByLabel('Acting official (user id)').fill('aa-acting');
  await page.getByLabel('Reason', { exact: true }).fill('Ms. Wong on leave.');
  await page.getByLabel('Valid from').fill(addDays(today, 10));
  await page.getByLabel('Valid until').fill(addDays(today, 5));

  // Checked in the browser with the server's schema: no approval chosen, nothing sent.
  await page.getByRole('button', { name: 'Grant delegation' }).click();
  await page.locator('#field-approvals-error').waitFor();
  assert.match(await page.locator('#field-approvals-error').innerText(), /must name at least one approval/);

  // Refused by the decider: ends before it starts; the rule is next to "Valid until", the entries stay.
  await page.getByText('Certify probation', { exact: true }).click();
  await page.getByRole('button', { name: 'Grant delegation' }).click();
  await page.locator('#field-validUntil-error').waitFor();
  assert.match(await page.locator('#field-validUntil-error').innerText(), /before it starts.*delegation\.grant\.dates/);
  assert.is(await page.getByLabel('Acting official (user id)').inputValue(), 'aa-acting', 'what was typed is kept');
  assert.ok(await page.getByLabel('Certify probation').isChecked());
  assert.is((await w.api.call('hr-ana', 'GET', '/delegations/DEL-WEB-1')).status, 404, 'the refusal recorded nothing');
  await assertAccessible(page, 'delegations with a refusal');
  await w.screenshot(page, 'delegation-refused');

  await page.getByLabel('Valid from').fill(today);
  await page.getByLabel('Valid until').fill(addDays(today, 30));
  await page.getByRole('button', { name: 'Grant delegation' }).click();
  const granted = page.getByRole('status').filter({ hasText: 'granted' });
  await granted.waitFor();
  const grantedText = await granted.innerText();
  assert.match(grantedText, /DEL-WEB-1 granted: aa-acting may act as Appointing authority/, grantedText);
  await granted.getByRole('link', { name: 'DEL-WEB-1' }).click();
  await page.waitForURL((url) => url.pathname === '/delegations/DEL-WEB-1');
  await page.getByTestId('delegation-terms').waitFor();
  assert.is(await page.getByTestId('standing').textContent(), 'In force');
  assert.match(await page.getByTestId('delegation-terms').innerText(), /aa-acting[\s\S]*Certify probation[\s\S]*Ms\. Wong on leave\./);
  await assertAccessible(page, 'delegation in force');
  await w.screenshot(page, 'delegation');

  await page.getByLabel('Reason for revoking').fill('Back from leave early.');
  await page.getByRole('button', { name: 'Revoke delegation' }).click();
  await page.getByText('Delegation DEL-WEB-1 is revoked').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="standing"]')?.textContent === 'Revoked');
  assert.match(await page.getByTestId('delegation-terms').innerText(), /Revoked\s+by aa-wong .*Back from leave early\./);
  assert.is(await page.getByTestId('revoke-form').count(), 0, 'no revoke form on a revoked delegation');
  assert.is((await w.api.call('hr-ana', 'GET', '/delegations/DEL-WEB-1')).body.status, 'REVOKED');
  await assertAccessible(page, 'delegation revoked');
  await w.screenshot(page, 'delegation-revoked');

  // The acting official may read it but not revoke it; the lookup finds it.
  const acting = await w.signedIn('aa-acting');
  await acting.goto('/delegations');
  await acting.getByRole('search').getByLabel('Delegation id').fill('DEL-WEB-1');
  await acting.getByRole('button', { name: 'Show delegation' }).click();
  await acting.waitForURL((url) => url.pathname === '/delegations/DEL-WEB-1');
  await acting.getByTestId('delegation-terms').waitFor();
  assert.is(await acting.getByTestId('revoke-form').count(), 0);
});

run('notifications: listed newest first with a link to the case; marking one read; the unread filter', async ({ web: w }) => {
  const page = await w.signedIn('sup-ortiz');
  await page.goto('/notifications');
  const started = page.getByTestId('notification').filter({ hasText: 'Probationary period EX-WEB-P1: started' });
  await started.waitFor();
  assert.match(await started.innerText(), /unread/i, 'marked unread (the tag shows capitals)');
  assert.is(await started.getByRole('link', { name: /Open the case/ }).getAttribute('href'), '/probation-cases/EX-WEB-P1');
  await assertAccessible(page, 'notifications');
  await w.screenshot(page, 'notifications');

  await started.getByRole('button', { name: /Mark read/ }).click();
  await page.getByText('Marked read: Probationary period EX-WEB-P1: started').waitFor();
  await started.getByRole('button', { name: /Mark read/ }).waitFor({ state: 'detached' });
  assert.match(await started.innerText(), /^read/i);
  await w.screenshot(page, 'notifications-read');
  const listed = (await w.api.call('sup-ortiz', 'GET', '/notifications')).body.items.find((n: { subject: string }) => n.subject.includes('EX-WEB-P1: started'));
  assert.ok(listed.readAt, 'recorded as read');

  await page.getByText('Unread only').click();
  await page.waitForURL((url) => url.search === '?unread=true');
  await page
    .getByText(/You have no unread notifications|unread, newest first/)
    .first()
    .waitFor();
  assert.is(await page.getByTestId('notification').filter({ hasText: 'EX-WEB-P1: started' }).count(), 0, 'the read one is filtered out');
  await assertAccessible(page, 'notifications, unread only');
});

web.run();
