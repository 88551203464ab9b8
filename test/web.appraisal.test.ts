import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { assertAccessible, browserSuite } from './support/browser';
import { appendAppraisal, appraisalStart } from './support/appraisalViewCases';
import { today as agencyToday } from './support/timeSkipping';

/** The agency view of the appraisal cycle in a real Chromium: the cap meter, the PRB panel's executives, the distribution. */

const { tests, run } = browserSuite('web appraisal cycle', async ({ web }) => {
  // Seven DOE executives in FY2026, driven through the appraisal's decider into the stack's store (the pages read the read model).
  const courses = [
    { caseId: 'APR-W1', course: { initialLevel: 5, panelId: 'PRB-DOE-W', prbLevel: 5, finalLevel: 5 } },
    { caseId: 'APR-W2', course: { initialLevel: 4, panelId: 'PRB-DOE-W', prbLevel: 4, finalLevel: 4 } },
    { caseId: 'APR-W3', course: { initialLevel: 3, panelId: 'PRB-DOE-W', prbLevel: 3, finalLevel: 3 } },
    { caseId: 'APR-W4', course: { initialLevel: 4, panelId: 'PRB-DOE-W', prbLevel: 3 } },
    { caseId: 'APR-W5', course: { initialLevel: 5, panelId: 'PRB-DOE-W' } },
    { caseId: 'APR-W6', course: { initialLevel: 3 } },
    { caseId: 'APR-W7', course: { initialLevel: 2 } },
  ];
  for (const { caseId, course } of courses) await appendAppraisal(web.stack.store, appraisalStart(caseId), course);
});

run('the executive-resources office sees the share over the cap before final ratings, the panel and the distribution', async ({ web }) => {
  const page = await web.signedIn('ero-kim');
  await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Appraisal cycle' }).click();
  await page.waitForURL((url) => url.pathname === '/appraisal');
  await page.getByRole('heading', { level: 1, name: 'Appraisal cycle, agency-wide' }).waitFor();
  // 5, 4 final; W5's initial 5 (W4's board said 3): 3 of 7 rated at Levels 4-5, 30 % allows 2.
  const standing = page.getByTestId('cap-standing');
  await standing.waitFor();
  assert.is(await standing.textContent(), 'Over the cap by 1');
  assert.is(await page.getByTestId('cap-sentence').innerText(), '3 of 7 rated executives at Levels 4–5 (42.9%), 2 of them final; the cap allows 2.');
  assert.match(await page.getByTestId('cap-table').innerText(), /DOE FY2026\s+ses-2025-10-01\s+7\s+7 \(3\)\s+3 \(2\)\s+42\.9%/);
  assert.match(
    await page.getByTestId('panels-table').innerText(),
    /PRB-DOE-W\s+DOE FY2026\s+prb-adams \(career\), prb-baker \(career\), prb-cruz\s+Yes\s+5\s+4\s+3/,
  );
  await page.getByTestId('distribution-table').waitFor();
  assert.match(await page.getByTestId('distribution-table').innerText(), /DOE FY2026\s+7\s+3\s+1\s+1\s+1\s+0\s+0\s+66\.7%/);
  await assertAccessible(page, 'appraisal cycle');
  await web.screenshot(page, 'appraisal-cycle');

  // What-if: the same ratings under the policy without the cap.
  await page.locator('label[for="field-whatIf"]').click();
  assert.ok(await page.getByLabel(/What-if: show the share without the cap/).isChecked());
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL((url) => url.searchParams.get('policyVersion') === 'what-if-no-rating-cap');
  await page.getByText('No cap under this policy').first().waitFor();
  await assertAccessible(page, 'appraisal cycle, what-if');

  await page.getByRole('link', { name: 'PRB-DOE-W' }).click();
  await page.waitForURL((url) => url.pathname === '/appraisal/panels/PRB-DOE-W');
  const executives = page.getByTestId('panel-executives');
  await executives.waitFor();
  assert.match(await executives.innerText(), /APR-W4\s+ex-apr-w4\s+Career\s+PRB recommended\s+Level 4\s+Not requested\s+Level 3\s+not yet/);
  assert.match(await page.getByTestId('career-majority').innerText(), /More than half the members are career/);
  await assertAccessible(page, 'PRB panel');
  await web.screenshot(page, 'appraisal-panel');
});

run('the distribution is a report among the others: a chart, its table, the same rows as CSV', async ({ web }) => {
  const page = await web.signedIn('hr-ana');
  await page.goto('/reports');
  await page.getByRole('link', { name: 'Final appraisal ratings by level' }).click();
  await page.waitForURL((url) => url.pathname === '/reports/appraisal-ratings-by-level');
  const table = page.getByTestId('report-table');
  await table.waitFor();
  assert.match(await table.innerText(), /DOE\s+FY2026\s+7\s+3\s+1\s+1\s+1\s+0\s+0\s+66\.7%/);
  assert.ok((await page.locator('[data-testid="chart"] rect').count()) > 0, 'the chart has a bar');
  await assertAccessible(page, 'report appraisal-ratings-by-level');
  await web.screenshot(page, 'report-appraisal-ratings-by-level');
  await page.goto('/reports/appraisal-overdue-plans');
  await page.getByText('No performance plan is overdue.').waitFor();
});

run('an executive is not offered the view, and the page answers 403', async ({ web }) => {
  const page = await web.signedIn('ex-rivera');
  assert.is(await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Appraisal cycle' }).count(), 0);
  await page.goto('/appraisal');
  await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
});

run('an HR specialist starts an appraisal from its form in words, earlier ratings one entry each; the reassignment form is in words too', async ({ web }) => {
  const today = await agencyToday(web.stack);
  const page = await web.signedIn('hr-ana');
  await page.goto('/start/appraisal');
  await page.getByTestId('started-by').waitFor();
  await page.getByLabel('Case id').fill('APR-WEB-S1');
  await page.getByLabel('Executive', { exact: true }).selectOption('ex-rivera');
  await page.getByLabel('Agency').fill('DOE');
  await page.getByLabel('Type of SES appointment').selectOption('career');
  await page.getByLabel('Cycle').fill('FY2026');
  await page.getByLabel('First day of the period').fill(addDays(today, -30));
  await page.getByLabel('Last day of the period').fill(addDays(today, 330));
  await page.getByLabel('Rating official (supervisor)').selectOption('sup-ortiz');
  await page.getByLabel('Appointing authority').selectOption('aa-wong');
  assert.is(await page.getByText('None entered.').count(), 1, 'no earlier rating until one is added');
  await page.getByRole('button', { name: 'Add earlier rating' }).click();
  const entry = page.locator('#field-priorFinalRatings-0');
  await entry.getByLabel('Last day of that period').fill(addDays(today, -20));

  // The browser's own check: the entry's level is missing, said next to it.
  await page.getByRole('button', { name: 'Start the appraisal' }).click();
  await page.locator('#field-priorFinalRatings-0-level-error').waitFor();
  assert.match(await page.locator('#field-priorFinalRatings-0-level-error').innerText(), /is required/);
  await entry.getByLabel(/Final summary level/).fill('2');

  // The server's refusal lands on the entry's own field: that period does not end before this one starts.
  await page.getByRole('button', { name: 'Start the appraisal' }).click();
  const periodEnd = page.locator('#field-priorFinalRatings-0-periodEnd-error');
  await periodEnd.waitFor();
  assert.match(await periodEnd.innerText(), /ends before this period starts.*appraisal\.start\.prior-rating-not-prior/s);
  assert.match(await page.getByRole('alert').filter({ hasText: 'The case was not started' }).innerText(), /Earlier rating 1: Last day of that period: a prior/);
  await assertAccessible(page, 'appraisal start form with a refusal');
  await web.screenshot(page, 'start-appraisal');

  await entry.getByLabel('Last day of that period').fill(addDays(today, -31));
  await page.getByRole('button', { name: 'Start the appraisal' }).click();
  await page.waitForURL((url) => url.pathname === '/appraisal-cases/APR-WEB-S1');
  const started = (await web.api.call('hr-ana', 'GET', '/appraisal-cases/APR-WEB-S1')).body;
  assert.equal(started.start.priorFinalRatings, [{ periodEnd: addDays(today, -31), level: 2 }]);
  assert.is(started.start.period.cycle, 'FY2026');

  await page.goto('/start/reassignment');
  await page.getByTestId('started-by').waitFor();
  await page.getByLabel('Kind of reassignment').waitFor();
  await page.getByLabel('New SES position').waitFor();
  await page.getByLabel(/The new position is within the commuting area/).waitFor();
  await page.getByLabel('Appraisal case id').waitFor();
  await page.getByLabel('Disciplinary action begun on').waitFor();
  await assertAccessible(page, 'reassignment start form');
  await web.screenshot(page, 'start-reassignment');
});

tests.run();
