import { readFileSync } from 'node:fs';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { PAGE_LIMIT_DEFAULT } from '../client/paging';
import { ecqsOf } from '../domain/ecqFrameworks';
import { assertAccessible, browserSuite, eventually, waitForText, type WebUnderTest } from './support/browser';
import { PROBATION_START } from './support/processFixtures';
import { allRatings, board, daysBefore } from './support/qrbFixtures';
import { today as agencyToday } from './support/timeSkipping';

/** A QRB case in a real Chromium: HR starts it through the form, OPM convenes, three members vote in their own sessions, HR records the appointment. */
const { tests: web, run } = browserSuite('web QRB');

const statusOf = async (w: WebUnderTest, caseId: string): Promise<string | undefined> =>
  (await w.api.call('hr-ana', 'GET', `/qrb-cases/${caseId}`)).body.status;

/** The case's common fields on the start form. */
const fillCase = async (page: Page, caseId: string, closedOn: string) => {
  await page.getByLabel('Case id').fill(caseId);
  await page.getByLabel("Candidate's name").fill('Jordan Rivera');
  await page.getByLabel("Candidate's agency").fill('DOE');
  await page.getByLabel('Position title').fill('Deputy Assistant Secretary for Grid Security');
  await page.getByLabel("Position's agency").fill('DOE');
  await page.getByLabel('Vacancy announcement closed on').fill(closedOn);
  await page.locator('label[for="field-criterion-A"]').click();
  await page.getByLabel('Selecting official').selectOption('sel-omar');
};

/** Every value the person typed, as the form shows it. */
const formValues = (page: Page) =>
  page
    .locator('form[aria-label="QRB case"]')
    .locator('input:not([type=radio]), textarea, select, input[type=radio]:checked')
    .evaluateAll((fields) =>
      fields.map((field) => {
        const { id, value, checked } = field as unknown as { id: string; value: string; checked?: boolean };
        return `${id}=${value}${checked ? ' checked' : ''}`;
      }),
    );

/** On the case page, the board's members chosen one per row, with agency and appointment type. */
const convene = async (page: Page, members: [string, string, string][]) => {
  for (const [index, [id, agency, appointment]] of members.entries()) {
    await page.locator(`#field-board-members-${index}-id`).selectOption(id);
    await page.locator(`#field-board-members-${index}-agency`).fill(agency);
    await page.locator(`#field-board-members-${index}-appointment`).selectOption(appointment);
  }
  await page.getByRole('button', { name: 'Convene the board' }).click();
};

/** A member opens the vote from their inbox and rates every ECQ (not yet cast). */
const openVote = async (w: WebUnderTest, memberId: string, caseId: string, rating: 'Meets' | 'Does not meet'): Promise<Page> => {
  const page = await w.signedIn(memberId);
  await page
    .getByTestId('waiting')
    .getByRole('row', { name: new RegExp(caseId) })
    .getByRole('link', { name: 'Cast QRB vote' })
    .click();
  await page.waitForURL((url) => url.searchParams.get('decide') === 'CastQrbVote');
  const form = page.locator('#CastQrbVote');
  await form.waitFor();
  for (const ecq of await form.locator('[data-ecq]').all()) await ecq.getByText(rating, { exact: true }).click();
  return page;
};

const castVote = async (page: Page) => {
  await page.locator('#CastQrbVote').getByRole('button', { name: 'Cast my vote' }).click();
  await page.getByTestId('voted').waitFor();
  await page.context().close();
};

/** A member votes with the keyboard alone: Tab to the inbox link, Enter, then Space on each "Meets" and Enter on the button. */
const voteByKeyboard = async (w: WebUnderTest, memberId: string, caseId: string) => {
  const page = await w.signedIn(memberId);
  const focused = () =>
    page.evaluate(() => ({
      text: document.activeElement?.textContent ?? '',
      href: document.activeElement?.getAttribute('href') ?? '',
      type: (document.activeElement as HTMLInputElement | null)?.type ?? '',
      id: document.activeElement?.id ?? '',
    }));
  const tabUntil = async (what: string, found: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
    for (let presses = 0; presses < 200; presses++) {
      await page.keyboard.press('Tab');
      if (found(await focused())) return;
    }
    assert.unreachable(`Tab never reached ${what}`);
  };
  await tabUntil('the vote in the inbox', (f) => f.href.includes(caseId) && f.text === 'Cast QRB vote');
  await page.keyboard.press('Enter');
  await page.locator('#CastQrbVote').waitFor();
  const ecqs = await page.locator('#CastQrbVote [data-ecq]').count();
  for (let rated = 0; rated < ecqs; rated++) {
    await tabUntil(`ECQ ${rated + 1}`, (f) => f.type === 'radio' && f.id.endsWith('-meets') && !f.id.includes('does'));
    await page.keyboard.press('Space');
  }
  await tabUntil('the vote button', (f) => f.text === 'Cast my vote');
  await page.keyboard.press('Enter');
  await page.getByTestId('voted').waitFor();
  await page.context().close();
};

const voteFromInbox = async (w: WebUnderTest, memberId: string, caseId: string, rating: 'Meets' | 'Does not meet') =>
  castVote(await openVote(w, memberId, caseId, rating));

run(
  'a day of every role on one case: HR starts a QRB case (a refusal keeps every value, records nothing), OPM convenes, three members vote (one by keyboard alone), HR appoints, the supervisor assesses, the appointing authority certifies, the auditor verifies and exports',
  async ({ web: w }) => {
    const today = await agencyToday(w.stack);
    const hr = await w.signedIn('hr-ana');
    await hr.getByRole('link', { name: 'Start a case' }).first().click();
    await hr.waitForURL((url) => url.pathname === '/start');
    await assertAccessible(hr, 'start chooser');
    await w.screenshot(hr, 'start-chooser');
    await hr.getByRole('link', { name: 'Start a QRB certification case' }).click();
    await hr.waitForURL((url) => url.pathname === '/start/qrb');
    assert.is(await hr.getByTestId('policy-in-force').innerText(), 'ses-2025-10-01');
    assert.match(await hr.getByTestId('framework').innerText(), /ECQs of 2025/);
    assert.match(await hr.getByTestId('submitted-by').innerText(), /Submitted by you, Ana Alvarez/);

    // 100 days after the announcement closed: past the 80-day window of the policy in force.
    await fillCase(hr, 'QRB-WEB-1', daysBefore(today, 100));
    assert.match(await hr.getByTestId('evidence-needed').innerText(), /resume/);
    await hr.getByLabel('Resume').fill('Twelve years leading national grid programmes.');
    const typed = await formValues(hr);
    await hr.getByRole('button', { name: 'Submit to OPM' }).click();
    const refusal = hr.locator('#field-position-announcementClosedOn-error');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /80-day submission window.*\(rule qrb\.submit\.window-closed\)/);
    assert.equal(await formValues(hr), typed, 'every value is still in the form');
    assert.is((await w.api.call('hr-ana', 'GET', '/qrb-cases/QRB-WEB-1')).status, 404, 'nothing was recorded');
    await assertAccessible(hr, 'QRB start form with a refusal');
    await w.screenshot(hr, 'start-qrb');

    await hr.getByLabel('Vacancy announcement closed on').fill(daysBefore(today, 10));
    await hr.getByRole('button', { name: 'Submit to OPM' }).click();
    await hr.waitForURL((url) => url.pathname === '/qrb-cases/QRB-WEB-1');
    assert.is(await statusOf(w, 'QRB-WEB-1'), 'SUBMITTED_TO_OPM');

    const opm = await w.signedIn('opm-kim');
    await opm
      .getByTestId('waiting')
      .getByRole('row', { name: /QRB-WEB-1/ })
      .getByRole('link', { name: 'Convene QRB board' })
      .click();
    await opm.locator('#ConveneQrbBoard').waitFor();
    assert.is(await opm.evaluate('document.activeElement.id'), 'field-board-members-0-id', 'the inbox link puts the keyboard in the form');
    await assertAccessible(opm, 'convene form');
    await w.screenshot(opm, 'qrb-convene');
    await convene(opm, [
      ['m-chen', 'HHS', 'career'],
      ['m-lee', 'DOT', 'career'],
      ['m-patel', 'USDA', 'noncareer'],
    ]);
    await eventually('the board is convened', async () => (await statusOf(w, 'QRB-WEB-1')) === 'BOARD_CONVENED');

    const chen = await openVote(w, 'm-chen', 'QRB-WEB-1', 'Meets');
    assert.is(await chen.locator('#CastQrbVote [data-ecq]').count(), ecqsOf('ecq-2025').length, 'every ECQ of the framework is rated');
    await assertAccessible(chen, 'vote form');
    await w.screenshot(chen, 'qrb-vote');
    // Meanwhile m-lee votes in their own session: m-chen's form was made on a case that has moved on.
    await voteFromInbox(w, 'm-lee', 'QRB-WEB-1', 'Meets');
    await chen.locator('#CastQrbVote').getByRole('button', { name: 'Cast my vote' }).click();
    await chen.getByRole('heading', { name: 'The case changed since you opened it' }).waitFor();
    assert.match(await chen.getByTestId('changes').innerText(), /vote/i, 'what changed is said');
    await w.screenshot(chen, 'qrb-vote-stale');
    assert.is(await chen.locator('#CastQrbVote input[type=radio]:checked').count(), ecqsOf('ecq-2025').length, 'the ratings are kept');
    assert.is((await w.api.call('hr-ana', 'GET', '/qrb-cases/QRB-WEB-1')).body.votes.length, 1, 'the stale vote was not recorded');
    await castVote(chen);
    await voteByKeyboard(w, 'm-patel', 'QRB-WEB-1');
    await eventually('the case is approved', async () => (await statusOf(w, 'QRB-WEB-1')) === 'APPROVED');

    await hr.goto('/qrb-cases/QRB-WEB-1?decide=RecordQrbAppointment');
    await hr
      .getByText(/approved/i)
      .first()
      .waitFor();
    const appointment = hr.locator('#RecordQrbAppointment');
    await appointment.getByLabel('Appointment id').fill('EX-WEB-1');
    await appointment.getByLabel('Executive').selectOption('ex-rivera');
    await appointment.getByLabel('Effective date').fill(today);
    await appointment.getByLabel('Supervisor').selectOption('sup-ortiz');
    await appointment.getByLabel('Appointing authority').selectOption('aa-wong');
    await appointment.getByLabel('Tenure before entering the SES').selectOption('none');
    await assertAccessible(hr, 'appointment form');
    await w.screenshot(hr, 'qrb-appointment');
    await appointment.getByRole('button', { name: 'Record the appointment' }).click();
    await eventually('the appointment is recorded', async () => (await statusOf(w, 'QRB-WEB-1')) === 'APPOINTED');
    await eventually(
      'probation and onboarding started',
      async () =>
        (await w.api.call('hr-ana', 'GET', '/probation-cases/EX-WEB-1')).status === 200 &&
        (await w.api.call('hr-ana', 'GET', '/onboarding-cases/EX-WEB-1')).status === 200,
    );

    // The supervisor's other work: a probation ending in two weeks and one that started last month.
    for (const [caseId, daysAgo] of [
      ['EX-WEB-2', 350],
      ['EX-WEB-3', 30],
    ] as const) {
      const started = await w.api.call('hr-ana', 'POST', '/probation-cases', {
        ...PROBATION_START,
        caseId,
        appointmentEffectiveDate: daysBefore(today, daysAgo),
      });
      assert.is(started.status, 201, JSON.stringify(started.body));
    }

    // The supervisor finds the probation in the inbox and assesses.
    const supervisor = await w.signedIn('sup-ortiz');
    await supervisor
      .getByTestId('waiting')
      .getByRole('row', { name: /EX-WEB-3/ })
      .waitFor();
    const assessment = supervisor
      .getByTestId('waiting')
      .getByRole('row', { name: /EX-WEB-1/ })
      .getByRole('link', { name: 'Submit assessment' });
    await assessment.waitFor();
    await assertAccessible(supervisor, 'supervisor inbox');
    await w.screenshot(supervisor, 'inbox');
    await assessment.click();
    await supervisor.locator('#SubmitAssessment').waitFor();
    await supervisor.selectOption('#field-SubmitAssessment-conclusion', 'meets-level-of-excellence');
    await supervisor.fill('#field-SubmitAssessment-summary', 'Led the grid security office with distinction in the first months.');
    await supervisor.click('#SubmitAssessment button[type=submit]');
    await eventually('the assessment is recorded', async () => (await w.api.call('hr-ana', 'GET', '/probation-cases/EX-WEB-1')).body.assessments?.length === 1);

    // The appointing authority certifies from her inbox.
    const authority = await w.signedIn('aa-wong');
    await authority
      .getByTestId('waiting')
      .getByRole('row', { name: /EX-WEB-1/ })
      .getByRole('link', { name: 'Certify probation' })
      .click();
    await authority.locator('#CertifyProbation').waitFor();
    await authority.fill('#field-CertifyProbation-statement', 'I certify the executive performs at the level of excellence expected of the SES.');
    await authority.click('#CertifyProbation button[type=submit]');
    await eventually('the probation is certified', async () => (await w.api.call('hr-ana', 'GET', '/probation-cases/EX-WEB-1')).body.status === 'CERTIFIED');

    // More of HR's reads of the case than a page of its access log holds (the status polls above are reads too, more
    // of them on a slow run), so the auditor's own reads come on a later page, as on a busy case.
    for (let i = 0; i < PAGE_LIMIT_DEFAULT; i++) await statusOf(w, 'QRB-WEB-1');

    // The auditor verifies and exports the QRB case and reads its access log.
    const auditor = await w.signedIn('aud-frank');
    await auditor.getByRole('link', { name: "Auditor's workspace" }).click();
    await auditor.getByRole('link', { name: 'qrb-QRB-WEB-1' }).click();
    await auditor.getByLabel('Purpose of this read').fill('Annual QRB records review');
    await auditor.getByRole('button', { name: 'Open the case' }).click();
    await auditor.getByTestId('history').waitFor();
    const view = async (name: string) => {
      await auditor.getByRole('navigation', { name: 'Views of this case' }).getByRole('link', { name }).click();
      await auditor.getByRole('heading', { level: 2, name }).waitFor();
    };
    await view('Verify');
    await auditor.getByTestId('verify').waitFor();
    assert.match(await auditor.getByTestId('verify').innerText(), /^Intact/);
    await view('Export');
    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: 'Download JSON Lines' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    assert.is(lines.length, (await w.stack.store.readStream('qrb-QRB-WEB-1')).length + 1, 'a header and one line per event');
    await view('Access log');
    // Oldest first, a page at a time: each "Show more reads" adds the next page below.
    const rows = auditor.getByTestId('access-log').locator('tbody tr');
    const more = auditor.getByRole('button', { name: 'Show more reads' });
    // The table comes once the first page is in (the view's heading comes before it, with "Loading the access log").
    await auditor.getByTestId('access-log').waitFor();
    assert.is(await rows.count(), PAGE_LIMIT_DEFAULT, 'a full first page');
    while ((await more.count()) > 0) {
      const shown = await rows.count();
      await more.click();
      await rows.nth(shown).waitFor();
    }
    const logged = (await rows.allInnerTexts()).join('\n');
    for (const action of ['audit.history', 'audit.verify', 'audit.export'])
      assert.match(logged, new RegExp(`${action.replace('.', '\\.')}[\\s\\S]*Annual QRB records review`));
    assert.match(logged, /hr-ana/, "HR's reads of the case are there too");
  },
);

run(
  'under the 2008 policy Criterion A asks a narrative per ECQ of 2006; a missing one is refused in the browser; a disapproved case is resubmitted to a new board',
  async ({ web: w }) => {
    const today = await agencyToday(w.stack);
    const hr = await w.signedIn('hr-ana');
    await hr.goto('/start/qrb');
    await fillCase(hr, 'QRB-WEB-2', daysBefore(today, 10));
    await hr.getByLabel('Policy version').selectOption('ses-2008-01-01');
    assert.match(await hr.getByTestId('framework').innerText(), /ECQs of 2006/);
    const ecqs = ecqsOf('ecq-2006');
    const narratives = hr.locator('[data-testid="evidence"] textarea');
    assert.is(await narratives.count(), ecqs.length, 'one narrative per ECQ of the framework');
    for (const [index, ecq] of ecqs.slice(0, -1).entries())
      await hr.locator(`#field-evidence-narratives-${ecq}`).fill(`Narrative ${index + 1}: led a reorganisation of 400 staff.`);
    const typed = await formValues(hr);
    await hr.getByRole('button', { name: 'Submit to OPM' }).click();
    const missing = hr.locator('#field-evidence-narratives-building-coalitions-error');
    await missing.waitFor();
    assert.match(await missing.innerText(), /must not be empty/);
    assert.equal(await formValues(hr), typed);
    assert.is((await w.api.call('hr-ana', 'GET', '/qrb-cases/QRB-WEB-2')).status, 404, 'nothing was sent');
    await assertAccessible(hr, 'QRB start form under the 2008 policy');
    await w.screenshot(hr, 'start-qrb-2008');
    await hr.locator('#field-evidence-narratives-building-coalitions').fill('Built a coalition of five agencies.');
    await hr.getByRole('button', { name: 'Submit to OPM' }).click();
    await hr.waitForURL((url) => url.pathname === '/qrb-cases/QRB-WEB-2');

    assert.is((await w.api.call('opm-kim', 'POST', '/qrb-cases/QRB-WEB-2/board', board())).status, 200);
    for (const memberId of ['m-lee', 'm-patel', 'm-chen']) {
      assert.is((await w.api.call(memberId, 'POST', '/qrb-cases/QRB-WEB-2/votes', { memberId, ratings: allRatings('ecq-2006', 'does-not-meet') })).status, 200);
    }
    assert.is(await statusOf(w, 'QRB-WEB-2'), 'DISAPPROVED');

    await hr.goto('/qrb-cases/QRB-WEB-2?decide=ResubmitQrbCase');
    const resubmit = hr.locator('#ResubmitQrbCase');
    await resubmit.waitFor();
    const coalitions = resubmit.locator('#field-resubmission-evidence-narratives-building-coalitions');
    assert.is(await coalitions.inputValue(), 'Built a coalition of five agencies.', 'the revision starts from the evidence the board saw');
    await assertAccessible(hr, 'resubmission form');
    await w.screenshot(hr, 'qrb-resubmit');
    await coalitions.fill('Built and led a coalition of five agencies through a grid emergency.');
    await resubmit.getByRole('button', { name: 'Resubmit the case' }).click();
    await eventually('the case is back before OPM', async () => (await statusOf(w, 'QRB-WEB-2')) === 'SUBMITTED_TO_OPM');

    const opm = await w.signedIn('opm-kim');
    await opm.goto('/qrb-cases/QRB-WEB-2?decide=ConveneQrbBoard');
    await opm.locator('#ConveneQrbBoard').waitFor();
    // The people list loads after the form shows (the select is there, empty, meanwhile): the offer is read once it has.
    await opm.locator('#field-board-members-0-id option:not([value=""])').first().waitFor({ state: 'attached' });
    const offered = await opm
      .locator('#field-board-members-0-id option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    assert.equal(offered.sort(), ['m-garcia', 'm-nguyen', 'm-okoro'], 'the earlier board is not offered');
    await convene(opm, [
      ['m-garcia', 'HHS', 'career'],
      ['m-nguyen', 'DOT', 'career'],
      ['m-okoro', 'USDA', 'limited'],
    ]);
    await eventually('the new board is convened', async () => (await statusOf(w, 'QRB-WEB-2')) === 'BOARD_CONVENED');
    for (const memberId of ['m-garcia', 'm-nguyen', 'm-okoro']) await voteFromInbox(w, memberId, 'QRB-WEB-2', 'Meets');
    await eventually('round 2 approves', async () => (await statusOf(w, 'QRB-WEB-2')) === 'APPROVED');
  },
);

run('a Criterion B case (CDP graduate) is submitted without a vacancy closing date: the field is optional once B is chosen', async ({ web: w }) => {
  const hr = await w.signedIn('hr-ana');
  await hr.goto('/start/qrb');
  await hr.getByLabel('Case id').fill('QRB-WEB-B');
  await hr.getByLabel("Candidate's name").fill('Jordan Rivera');
  await hr.getByLabel("Candidate's agency").fill('DOE');
  await hr.getByLabel('Position title').fill('Deputy Assistant Secretary for Grid Security');
  await hr.getByLabel("Position's agency").fill('DOE');
  await hr.locator('label[for="field-criterion-B"]').click();
  assert.match(await hr.locator('label[for="field-position-announcementClosedOn"]').innerText(), /\(optional\)/);
  await hr.locator('#field-evidence-programName').fill('DOE SES CDP');
  await hr.getByLabel('Certificate number').fill('CDP-77');
  await hr.getByLabel('Program completed on').fill('2025-12-01');
  await hr.getByLabel('Selecting official').selectOption('sel-omar');
  await assertAccessible(hr, 'QRB start form, Criterion B');
  await w.screenshot(hr, 'start-qrb-criterion-b');
  await hr.getByRole('button', { name: 'Submit to OPM' }).click();
  await hr.waitForURL((url) => url.pathname === '/qrb-cases/QRB-WEB-B');
  const recorded = (await w.api.call('hr-ana', 'GET', '/qrb-cases/QRB-WEB-B')).body;
  assert.is(recorded.status, 'SUBMITTED_TO_OPM');
  assert.is(recorded.submission.position.announcementClosedOn, null, 'no closing date made up');
});

run('OPM holds a case around an agency-head transition and releases it; HR withdraws another', async ({ web: w }) => {
  const today = await agencyToday(w.stack);
  const submitted = {
    caseId: 'QRB-WEB-3',
    candidate: { name: 'Avery Stone', agency: 'DOE' },
    position: { title: 'Director of Grid Security', agency: 'DOE', announcementClosedOn: daysBefore(today, 5) },
    criterion: 'A',
    evidence: { kind: 'resume-and-interview', resume: 'Ten years leading grid programmes.' },
    submittedBy: 'hr-ana',
    selectingOfficialId: 'sel-omar',
  };
  assert.is((await w.api.call('hr-ana', 'POST', '/qrb-cases', submitted)).status, 201);
  const opm = await w.signedIn('opm-kim');
  await opm.goto('/qrb-cases/QRB-WEB-3');
  const transition = opm.locator('#HandleAgencyHeadTransition');
  await transition.getByLabel('Reason').fill('The agency head leaves on Friday.');
  await transition.getByRole('button', { name: 'Hold the case' }).click();
  await eventually('the case is on hold', async () => (await statusOf(w, 'QRB-WEB-3')) === 'ON_HOLD');
  await opm.getByRole('button', { name: 'Record the decision' }).waitFor();
  assert.is(await opm.locator('#ConveneQrbBoard').count(), 0, 'no board is convened for a held case');
  await transition.locator('label[for="field-transition-action-release"]').click();
  await transition.getByLabel('Reason').fill('The new agency head is in office.');
  await assertAccessible(opm, 'release form');
  await transition.getByRole('button', { name: 'Record the decision' }).click();
  await eventually('the hold is released', async () => (await statusOf(w, 'QRB-WEB-3')) === 'SUBMITTED_TO_OPM');
  await opm.locator('#ConveneQrbBoard').waitFor();

  const hr = await w.signedIn('hr-ana');
  await hr.goto('/qrb-cases/QRB-WEB-3');
  const withdraw = hr.locator('#WithdrawQrbCase');
  await withdraw.getByRole('button', { name: 'Withdraw the case' }).click();
  await withdraw.locator('#field-withdrawal-reason-error').waitFor();
  await withdraw.getByLabel('Reason for withdrawing').fill('The candidate declined the offer.');
  await withdraw.getByRole('button', { name: 'Withdraw the case' }).click();
  await eventually('the case is withdrawn', async () => (await statusOf(w, 'QRB-WEB-3')) === 'WITHDRAWN');
  await waitForText(hr, 'There is no QRB decision for you to take on this case now.');
});

run('probation, onboarding and rotation start from their schemas; a rotation draft survives an expired session', async ({ web: w }) => {
  const hr = await w.signedIn('hr-ana');
  for (const process of ['probation', 'onboarding']) {
    await hr.goto(`/start/${process}`);
    await hr.getByTestId('started-by').waitFor();
    assert.match(await hr.getByTestId('policy-in-force').innerText(), /ses-2025-10-01/);
    await assertAccessible(hr, `${process} start form`);
  }
  await hr.goto('/start/rotation');
  await hr.getByLabel('Case id').fill('ROT-WEB-1');
  await hr.getByLabel('Cohort').fill('PMC-IRP-2026-C1');
  await hr.locator('#field-participant-id').selectOption('emp-okafor');
  await hr.getByLabel('Home agency').fill('DOE');
  await hr.getByLabel('Pay plan and grade').fill('GS15');
  await hr.locator('label[for="field-participant-careerTenure"]').click();
  await hr.getByLabel('Months of full-time federal service').fill('64');
  await hr.getByLabel('Last rating of record (1-5)').fill('5');
  await hr.getByRole('button', { name: 'Open the rotation case' }).click();
  const grade = hr.locator('#field-participant-grade-error');
  await grade.waitFor();
  assert.match(await grade.innerText(), /pay plan and grade such as "GS-15"/);
  await assertAccessible(hr, 'rotation start form with a refusal');
  await w.screenshot(hr, 'start-rotation');
  await hr.getByLabel('Pay plan and grade').fill('GS-15');

  // The session ends while the form is open: the sign-in brings the person back to the form as it was.
  await hr.context().clearCookies();
  await hr.getByRole('button', { name: 'Open the rotation case' }).click();
  await hr.waitForURL((url) => url.pathname === '/sign-in');
  await hr.click('button[data-user="hr-ana"]');
  await hr.waitForURL((url) => url.pathname === '/start/rotation');
  assert.is(await hr.getByLabel('Case id').inputValue(), 'ROT-WEB-1');
  assert.is(await hr.getByLabel('Pay plan and grade').inputValue(), 'GS-15');
  assert.is(await hr.locator('#field-participant-id').inputValue(), 'emp-okafor');
  assert.ok(await hr.getByLabel('Has career or career-conditional tenure').isChecked());
  assert.is((await w.api.call('hr-ana', 'GET', '/rotation-cases/ROT-WEB-1')).status, 404, 'nothing was recorded');
  await hr.getByRole('button', { name: 'Open the rotation case' }).click();
  await hr.waitForURL((url) => url.pathname === '/rotation-cases/ROT-WEB-1');
  assert.is((await w.api.call('hr-ana', 'GET', '/rotation-cases/ROT-WEB-1')).status, 200);
  await hr.goto('/start/rotation');
  assert.is(await hr.getByLabel('Case id').inputValue(), '', 'a started case leaves an empty form behind');
});

web.run();
