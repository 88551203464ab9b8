import { readFileSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { PAGE_LIMIT_DEFAULT, everyItem } from '../client/paging';
import { assertAccessible, browserSuite, eventually } from './support/browser';
import { allRatings, board, submission } from './support/qrbFixtures';

/** The auditor's workspace in a real Chromium: the case list, one case's views under one purpose, export, and the access log. */

const APPROVED = 'QRB-WEB-AUD-1';
const WAITING = 'QRB-WEB-AUD-2';
const STREAM = `qrb-${APPROVED}`;
const PURPOSE = 'Quarterly review of QRB decisions';

const { tests: web, run } = browserSuite('web audit', async ({ web: w }) => {
  const call = async (as: string, path: string, body: unknown, status: number) => {
    const answer = await w.api.call(as, 'POST', path, body);
    assert.is(answer.status, status, `${as} POST ${path}: ${JSON.stringify(answer.body)}`);
  };
  await call('hr-ana', '/qrb-cases', submission({ caseId: APPROVED }), 201);
  await call('opm-kim', `/qrb-cases/${APPROVED}/board`, board(), 200);
  for (const memberId of ['m-lee', 'm-patel', 'm-chen'])
    await call(memberId, `/qrb-cases/${APPROVED}/votes`, { memberId, ratings: allRatings('ecq-2025') }, 200);
  await call('hr-ana', '/qrb-cases', submission({ caseId: WAITING }), 201);
  // The list reads the read model, which follows the store: wait until it has both cases as they stand.
  await eventually('the read model lists both cases', () => {
    const rows = w.api.readModel.listCases({ process: 'qrb' });
    return rows.length === 2 && rows.some((r) => r.status === 'APPROVED');
  });
});

run('an HR specialist opening the workspace gets the 403 page', async ({ web: w }) => {
  const page = await w.signedIn('hr-ana');
  const response = await page.goto('/audit');
  assert.is(response?.status(), 403);
  await page.getByRole('heading', { name: 'Not allowed', exact: true }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /may not audit\.read/);
  await assertAccessible(page, 'audit 403');
});

run('the auditor filters the list (kept in the address), verifies every stream, and opens a case', async ({ web: w }) => {
  const page = await w.signedIn('aud-frank');
  await page.goto('/audit');
  await page.getByTestId('cases').waitFor();
  assert.is(await page.getByTestId('cases').locator('tbody tr').count(), 2);
  await page.getByLabel('Process').selectOption('qrb');
  await page.getByLabel('Status').fill('APPROVED');
  await page.getByRole('button', { name: 'Show the cases' }).click();
  await page.waitForURL((url) => url.searchParams.get('status') === 'APPROVED' && url.searchParams.get('process') === 'qrb');
  await page.getByText('1 case matching the filters').waitFor();
  const rows = page.getByTestId('cases').locator('tbody tr');
  assert.is(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, new RegExp(`${STREAM}.*QRB certification.*${APPROVED}.*DOE.*APPROVED`, 's'), row);

  await page.reload();
  await page.getByText('1 case matching the filters').waitFor();
  assert.is(await page.getByLabel('Status').inputValue(), 'APPROVED', 'a bookmarked filtering shows its filters');
  assert.is(await page.getByLabel('Process').inputValue(), 'qrb');

  const agency = page.getByLabel('Agency');
  await agency.fill('doe');
  await page.getByRole('button', { name: 'Show the cases' }).click();
  await page.locator('#field-agency-error').waitFor();
  assert.match(await page.locator('#field-agency-error').innerText(), /agency code/);
  await agency.fill('');

  // The listed cases as one CSV file: a header, then one row per event; the export says why, like every read.
  await page.getByRole('button', { name: 'Download CSV' }).click();
  assert.match(await page.locator('#field-export-purpose-error').innerText(), /Say why/);
  await page.getByLabel('Purpose of the export').fill('Annual records retention check');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.match(csv.suggestedFilename(), /^ses-audit-export-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvLines = readFileSync((await csv.path())!, 'utf8')
    .trim()
    .split('\n');
  assert.is(csvLines.length, 1 + (await w.stack.store.readStream(STREAM)).length, 'a header and one row per event of the one listed case');
  assert.ok((await w.api.accessLog.forStream(STREAM)).items.some((a) => a.action === 'audit.export' && a.purpose === 'Annual records retention check'));
  assert.not.ok(
    (await w.api.accessLog.forStream(`qrb-${WAITING}`)).items.some((a) => a.personId === 'aud-frank'),
    'a case the filters left out was not exported',
  );

  await page.getByRole('button', { name: 'Verify every stream' }).click();
  await page.getByTestId('verify-all').waitFor();
  // The two cases, the day's access log and the checkpoint the export signed; every stream's head anchored to it.
  const verified = await page.getByTestId('verify-all').innerText();
  assert.match(verified, /Every stream is intact.*4 streams checked: 4 intact, 0 broken/s, verified);
  assert.match(verified, /Anchored to signed checkpoint #1 of /);
  await assertAccessible(page, 'audit workspace');
  await w.screenshot(page, 'audit-workspace');

  await page.getByRole('link', { name: STREAM }).click();
  await page.waitForURL((url) => url.pathname === `/audit/streams/${STREAM}`);
  await page.getByTestId('purpose-prompt').waitFor();
  await assertAccessible(page, 'purpose prompt');
});

run('one purpose for the whole case: history, replay, verify, compare, what-if, export, access log', async ({ web: w }) => {
  const since = new Date().toISOString();
  const page = await w.signedIn('aud-frank');
  await page.goto(`/audit/streams/${STREAM}`);
  await page.getByRole('button', { name: 'Open the case' }).click();
  assert.match(await page.locator('#field-purpose-error').innerText(), /Say why/, 'a read without a purpose is not sent');
  await page.getByLabel('Purpose of this read').fill(PURPOSE);
  await page.getByRole('button', { name: 'Open the case' }).click();

  const view = async (name: string) => {
    await page.getByRole('navigation', { name: 'Views of this case' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    assert.is(await page.getByTestId('purpose-prompt').count(), 0, `${name}: the purpose is not asked again`);
  };

  // History: each event with its before → after.
  await page.getByTestId('history').waitFor();
  const history = page.getByTestId('history');
  assert.is(await history.locator('> li').count(), 6);
  assert.match(await history.locator('> li').first().innerText(), /Revision 0: QRB case submitted.*hr-ana \(HR specialist\)/s);
  const decided = await history.locator('> li').last().innerText();
  assert.match(decided, /Before\s+After/);
  assert.match(decided, /status\s+BOARD_CONVENED\s+APPROVED/);
  await assertAccessible(page, 'audit case history');
  await w.screenshot(page, 'audit-case');

  // Replay: the slider, with the keyboard alone, back to the first revision.
  await view('Replay');
  await page.getByTestId('replay-status').getByText('through revision 5').waitFor();
  const slider = page.getByLabel('Rebuild through revision');
  await slider.focus();
  for (let i = 0; i < 5; i += 1) await slider.press('ArrowLeft');
  assert.match(await page.getByTestId('replay-revision').innerText(), /Revision 0 of 5/);
  await page.getByTestId('replay-status').getByText('through revision 0 (1 event applied)').waitFor();
  assert.match(await page.getByTestId('state').innerText(), /status\s+SUBMITTED_TO_OPM/);
  await assertAccessible(page, 'audit case replay');
  await w.screenshot(page, 'audit-case-replay');

  await view('Verify');
  await page.getByTestId('verify').waitFor();
  assert.match(await page.getByTestId('verify').innerText(), /^Intact/);

  await view('Compare with the live workflow');
  await page.getByTestId('compare').waitFor();
  assert.match(await page.getByTestId('compare').innerText(), /^Matching/);
  await assertAccessible(page, 'audit case compare');

  await view('What-if');
  await page.getByLabel('Policy version').selectOption('ses-2008-01-01');
  await page.getByRole('button', { name: 'Run the what-if' }).click();
  await page.getByTestId('what-if').waitFor();
  const runs = page.getByTestId('what-if-run');
  assert.is(await runs.count(), 2, 'recorded and what-if side by side');
  assert.match(await runs.nth(0).innerText(), /^Recorded \(ses-2025-10-01\)/);
  assert.match(await runs.nth(1).innerText(), /^What-if \(ses-2008-01-01\)/);
  const [left, right] = [await runs.nth(0).boundingBox(), await runs.nth(1).boundingBox()];
  assert.ok(left && right && right.x > left.x + left.width - 1 && Math.abs(right.y - left.y) < 2, 'two columns');
  assert.match(await page.getByTestId('what-if').innerText(), /Inputs refused under ses-2008-01-01/);
  await assertAccessible(page, 'audit case what-if');
  await w.screenshot(page, 'audit-case-what-if');

  await view('Export');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON Lines' }).click()]);
  assert.is(download.suggestedFilename(), `${STREAM}.jsonl`);
  const [header, ...lines] = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  const events = await w.stack.store.readStream(STREAM);
  assert.is((JSON.parse(header!) as { export: { count: number } }).export.count, events.length, 'the header counts the events');
  assert.equal(
    lines.map((line) => (JSON.parse(line) as { revision: number }).revision),
    events.map((e) => e.revision),
    'one line per event, in revision order',
  );
  await page.getByText(`Saved ${STREAM}.jsonl`).waitFor();

  // Coming back in the same session does not ask again.
  await page.reload();
  await page.getByTestId('purpose').waitFor();
  assert.is(await page.getByTestId('purpose-prompt').count(), 0, 'a reload does not ask again');

  await view('Access log');
  await page.getByTestId('access-log').waitFor();
  const logged = await page.getByTestId('access-log').locator('tbody tr').allInnerTexts();
  const expected = ['audit.history', 'audit.replay', 'audit.verify', 'audit.compare', 'audit.what-if', 'audit.export'];
  for (const action of expected)
    assert.ok(
      logged.some((row) => row.includes(action) && row.includes(PURPOSE) && row.includes('aud-frank')),
      `the page lists ${action} with the purpose`,
    );
  await assertAccessible(page, 'audit case access log');
  await w.screenshot(page, 'audit-case-access-log');

  const accesses = (await w.api.accessLog.forStream(STREAM)).items.filter((a) => a.personId === 'aud-frank' && a.at >= since);
  assert.ok(accesses.length >= expected.length);
  assert.ok(
    accesses.every((a) => a.purpose === PURPOSE),
    `every read of the case carries the purpose: ${JSON.stringify(accesses.map((a) => [a.action, a.purpose]))}`,
  );
  assert.equal([...new Set(accesses.map((a) => a.action))].sort(), [...expected].sort());
});

run('a long access log comes a page at a time: "Show more reads" adds the next page, each read once', async ({ web: w }) => {
  const stream = `qrb-${WAITING}`;
  const at = new Date().toISOString();
  for (let i = 0; i < PAGE_LIMIT_DEFAULT + 4; i++)
    await w.api.accessLog.record({ at, personId: 'hr-ana', roles: ['hr-specialist'], action: 'qrb.status', streams: [stream], purpose: `call ${i}` });
  const recorded = await everyItem((page) => w.api.accessLog.forStream(stream, page));
  const page = await w.signedIn('aud-frank');
  await page.goto(`/audit/streams/${stream}?view=access-log`);
  await page.getByLabel('Purpose of this read').fill(PURPOSE);
  await page.getByRole('button', { name: 'Open the case' }).click();
  const rows = page.getByTestId('access-log').locator('tbody tr');
  await rows.first().waitFor();
  assert.is(await rows.count(), PAGE_LIMIT_DEFAULT, 'the first page');
  await page.getByRole('button', { name: 'Show more reads' }).click();
  await eventually('the next page is added below', async () => (await rows.count()) === recorded.length);
  assert.is(await page.getByRole('button', { name: 'Show more reads' }).count(), 0, 'no more pages');
  const purposes = (await rows.allInnerTexts()).map((row) => /call \d+/.exec(row)?.[0]).filter(Boolean);
  assert.is(new Set(purposes).size, PAGE_LIMIT_DEFAULT + 4, 'every read once');
  await assertAccessible(page, 'audit case access log, two pages');
});

web.run();
