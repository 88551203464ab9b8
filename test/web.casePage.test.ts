import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { allRatings, board, submission } from './support/qrbFixtures';
import { assertAccessible, browserSuite, eventually, type WebUnderTest } from './support/browser';
import { today as agencyToday } from './support/timeSkipping';

/**
 * The case page in a real Chromium on the real stack: a probation case from the
 * supervisor's inbox to the certification, refusals next to their field, a stale
 * form caught, acting under a delegation, and who may not see or act.
 */
const { tests: web, run } = browserSuite('web case page');

const ACTIVITIES = ['Detail to the Office of Management and Budget', 'Federal Executive Institute course'];

/** A Criterion C probation (two promised development activities) effective today on the test server's clock, started and visible. */
const startProbation = async (w: WebUnderTest, caseId: string) => {
  const today = await agencyToday(w.stack);
  const body = {
    caseId,
    executiveId: 'ex-rivera',
    agency: 'DOE',
    appointmentEffectiveDate: today,
    criterion: 'C',
    developmentActivities: ACTIVITIES,
    priorTenure: 'career',
    supervisorId: 'sup-ortiz',
    appointingAuthorityId: 'aa-wong',
    startedBy: 'hr-ana',
  };
  const started = await w.api.call('hr-ana', 'POST', '/probation-cases', body);
  assert.is(started.status, 201, JSON.stringify(started.body));
  await eventually(`${caseId} started`, async () => (await w.api.call('hr-ana', 'GET', `/probation-cases/${caseId}`)).body.status === 'ON_PROBATION');
  return today;
};

const revisionOf = async (w: WebUnderTest, stream: string) => (await w.stack.store.readStream(stream)).length - 1;

run(
  'the supervisor opens the assessment from the inbox; a refusal shows next to its field and records nothing; the assessment, then the certification',
  async ({ web: w }) => {
    await startProbation(w, 'EX-W-1');
    const supervisor = await w.signedIn('sup-ortiz');
    await supervisor.click('a[href="/probation-cases/EX-W-1?decide=SubmitAssessment"]');
    await supervisor.waitForURL((url) => url.pathname === '/probation-cases/EX-W-1');
    await supervisor.locator('#SubmitAssessment').waitFor();
    assert.ok(
      await supervisor.evaluate(() => document.getElementById('SubmitAssessment')!.contains(document.activeElement)),
      'the form the inbox opened has the keyboard',
    );
    assert.match(await supervisor.getByTestId('status-words').innerText(), /serving the probationary period/);
    assert.match(await supervisor.getByTestId('who-acts-next').innerText(), /Submit assessment: you \(Supervisor\), due/);
    assert.match(await supervisor.getByTestId('ahead').innerText(), /End of period/);
    assert.match(await supervisor.getByTestId('key-facts').innerText(), /ex-rivera[\s\S]*DOE/);
    assert.is(await supervisor.locator('#RecordTransfer').count(), 0, "HR's actions are not offered to a supervisor");
    await assertAccessible(supervisor, 'case page');
    await w.screenshot(supervisor, 'case-page');

    // Criterion C: the decider wants every promised activity addressed; the browser's zod check cannot know them.
    await supervisor.selectOption('#field-SubmitAssessment-conclusion', 'meets-level-of-excellence');
    await supervisor.fill('#field-SubmitAssessment-summary', 'Led the grid-modernization office with distinction.');
    await supervisor.click('#SubmitAssessment button[type=submit]');
    const refusal = supervisor.locator('#field-SubmitAssessment-developmentActivitiesAddressed-error');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /every promised development activity.*probation\.assessment\.criterion-c-activities/s);
    assert.is(await revisionOf(w, 'probation-EX-W-1'), 0, 'a refused action records nothing');
    await assertAccessible(supervisor, 'case page with a refusal');
    await w.screenshot(supervisor, 'case-page-refusal');

    assert.is(await supervisor.inputValue('#field-SubmitAssessment-summary'), 'Led the grid-modernization office with distinction.', 'nothing typed is lost');
    await supervisor.fill('#field-SubmitAssessment-developmentActivitiesAddressed', ACTIVITIES.join('\n'));
    await supervisor.click('#SubmitAssessment button[type=submit]');
    await supervisor.getByText('Recorded: Submit assessment.').waitFor();
    await supervisor
      .getByTestId('who-acts-next')
      .getByText(/Certify probation: aa-wong \(Appointing authority\)/)
      .waitFor();
    assert.is(await revisionOf(w, 'probation-EX-W-1'), 1);
    assert.match(await supervisor.getByTestId('events').innerText(), /Probation assessment submitted by sup-ortiz \(Supervisor\)/);

    const authority = await w.signedIn('aa-wong');
    await authority.goto('/probation-cases/EX-W-1?decide=CertifyProbation');
    await authority.locator('#CertifyProbation').waitFor();
    await authority.fill('#field-CertifyProbation-statement', 'I certify the executive performed at the level of excellence expected.');
    await authority.click('#CertifyProbation button[type=submit]');
    await authority.getByText('Recorded: Certify probation.').waitFor();
    await authority
      .getByTestId('status-words')
      .getByText(/certified the probationary period/)
      .waitFor();
    assert.is((await w.api.call('hr-ana', 'GET', '/probation-cases/EX-W-1')).body.status, 'CERTIFIED');
    await w.screenshot(authority, 'case-page-certified');
  },
);

run('a form on a case that changed meanwhile: what changed, nothing recorded, the entries kept; sent again, it is recorded', async ({ web: w }) => {
  const today = await startProbation(w, 'EX-W-2');
  const supervisor = await w.signedIn('sup-ortiz');
  await supervisor.goto('/probation-cases/EX-W-2');
  await supervisor.locator('#SubmitAssessment').waitFor();
  await supervisor.selectOption('#field-SubmitAssessment-conclusion', 'meets-level-of-excellence');
  await supervisor.fill('#field-SubmitAssessment-summary', 'Strong first year.');
  await supervisor.fill('#field-SubmitAssessment-developmentActivitiesAddressed', ACTIVITIES.join('\n'));

  // Meanwhile HR records a leadership change through the API.
  const change = {
    actor: { id: 'hr-ana', role: 'hr-specialist' },
    action: { type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: today },
  };
  assert.is((await w.api.call('hr-ana', 'POST', '/probation-cases/EX-W-2/actions', change)).status, 200);
  assert.is(await revisionOf(w, 'probation-EX-W-2'), 1);

  await supervisor.click('#SubmitAssessment button[type=submit]');
  const stale = supervisor.locator('#SubmitAssessment [role=alert][data-rule]');
  await stale.getByText('The case changed since you opened it').waitFor();
  await supervisor
    .getByTestId('changes')
    .getByText(/Probation leadership change recorded by hr-ana \(HR specialist\)/)
    .waitFor();
  assert.is(await revisionOf(w, 'probation-EX-W-2'), 1, 'nothing recorded on a state the supervisor did not see');
  assert.is(await supervisor.inputValue('#field-SubmitAssessment-summary'), 'Strong first year.');
  await assertAccessible(supervisor, 'case page with a stale form');
  await w.screenshot(supervisor, 'case-page-stale');

  await supervisor.click('#SubmitAssessment button[type=submit]');
  await supervisor.getByText('Recorded: Submit assessment.').waitFor();
  assert.is(await revisionOf(w, 'probation-EX-W-2'), 2);
});

run('an acting official certifies under a delegation named on the page; the timeline says for whom', async ({ web: w }) => {
  const today = await startProbation(w, 'EX-W-3');
  const assessment = {
    actor: { id: 'sup-ortiz', role: 'supervisor' },
    action: { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Excellent.', developmentActivitiesAddressed: ACTIVITIES },
  };
  assert.is((await w.api.call('sup-ortiz', 'POST', '/probation-cases/EX-W-3/actions', assessment)).status, 200);
  const grant = {
    delegationId: 'DEL-W-1',
    from: 'aa-wong',
    to: 'aa-acting',
    role: 'appointing-authority',
    approvals: ['CertifyProbation'],
    validFrom: today,
    validUntil: addDays(today, 30),
    reason: 'On leave.',
  };
  assert.is((await w.api.call('aa-wong', 'POST', '/delegations', grant)).status, 201);

  const acting = await w.signedIn('aa-acting');
  await acting.goto('/probation-cases/EX-W-3');
  await acting.getByTestId('case-actions').waitFor();
  assert.is(await acting.locator('#CertifyProbation').count(), 0, 'as themself (a supervisor, not this case’s) nothing is offered');
  await acting.click('label[for=act-as-delegation]');
  await acting.fill('#field-actAs-delegationId', 'DEL-W-1');
  await acting.getByRole('button', { name: 'Use this delegation' }).click();
  await acting
    .getByTestId('acting-under')
    .getByText(/Acting for aa-wong as Appointing authority/)
    .waitFor();
  await acting.fill('#field-CertifyProbation-statement', 'Certified by the acting appointing authority.');
  await acting.click('#CertifyProbation button[type=submit]');
  await acting.getByText('Recorded: Certify probation.').waitFor();
  assert.match(await acting.getByTestId('events').innerText(), /Probation certified by aa-acting \(Appointing authority\), acting for aa-wong/);
  await assertAccessible(acting, 'case page acting under a delegation');
});

run('no one acts as another; an auditor sees no actions; an executive gets the 403; an unknown case says so', async ({ web: w }) => {
  await startProbation(w, 'EX-W-4');
  const asOther = await w.api.call('sup-hollis', 'POST', '/probation-cases/EX-W-4/actions', {
    actor: { id: 'sup-ortiz', role: 'supervisor' },
    action: { type: 'SubmitAssessment', conclusion: 'does-not-meet', summary: 'x', developmentActivitiesAddressed: ACTIVITIES },
  });
  assert.is(asOther.status, 403, 'the API refuses an actor other than the session’s person');
  assert.is(await revisionOf(w, 'probation-EX-W-4'), 0);

  const other = await w.signedIn('sup-hollis');
  await other.goto('/probation-cases/EX-W-4?decide=SubmitAssessment');
  await other.getByTestId('case-actions').waitFor();
  assert.is(await other.locator('#SubmitAssessment').count(), 0, 'another supervisor is never offered this case’s assessment');
  assert.match(await other.getByTestId('case-actions').innerText(), /not open to you on this case now[\s\S]*nothing for you to do/);
  assert.is(await other.getByLabel(/actor/i).count(), 0, 'no form lets a person name who acts');

  const auditor = await w.signedIn('aud-frank');
  await auditor.goto('/probation-cases/EX-W-4');
  await auditor.getByTestId('no-actions').waitFor();
  assert.is(await auditor.locator('form').count(), 0, 'an auditor is offered no form');
  await assertAccessible(auditor, 'case page for an auditor');

  const executive = await w.signedIn('ex-rivera');
  const refused = await executive.goto('/probation-cases/EX-W-4');
  assert.is(refused?.status(), 403);
  await executive.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
  assert.match(await executive.getByRole('alert').innerText(), /may not case\.status/);

  const hr = await w.signedIn('hr-ana');
  await hr.goto('/probation-cases/EX-NOWHERE');
  await hr.getByRole('heading', { level: 1, name: 'Case not found' }).waitFor();
  await assertAccessible(hr, 'case page for an unknown case');
});

run('an onboarding program: the office confirms its milestone chosen from a list of the ones it owns', async ({ web: w }) => {
  const today = await agencyToday(w.stack);
  const start = { caseId: 'EX-W-5', executiveId: 'ex-rivera', agency: 'DOE', appointmentEffectiveDate: today, reason: 'new-appointment', startedBy: 'hr-ana' };
  assert.is((await w.api.call('hr-ana', 'POST', '/onboarding-cases', start)).status, 201);
  const office = await w.signedIn('ero-kim');
  await office.goto('/onboarding-cases/EX-W-5?decide=ConfirmMilestone');
  await office.locator('#ConfirmMilestone').waitFor();
  const forms = await office.locator('[data-testid=case-actions] section').evaluateAll((sections) => sections.map((s) => s.id));
  assert.equal(forms, ['AssignSupervisorAndMentor', 'ConfirmMilestone'], 'its pending decisions, in the order the case lists them');
  const options = await office.locator('#field-ConfirmMilestone-milestoneId option').allInnerTexts();
  assert.equal(options.length, 2, `only the office's own milestone: ${options.join(' | ')}`);
  assert.match(options[1]!, /Pre-boarding/);
  await office.selectOption('#field-ConfirmMilestone-milestoneId', 'pre-boarding');
  await office.fill('#field-ConfirmMilestone-note', 'Forms and the briefing book sent.');
  await office.click('#ConfirmMilestone button[type=submit]');
  await office.getByText('Recorded: Confirm milestone.').waitFor();
  assert.match(await office.getByTestId('events').innerText(), /Onboarding milestone confirmed by ero-kim/i);
  await assertAccessible(office, 'onboarding case page');
});

run('a QRB case: each member’s rating ECQ by ECQ, the counts, and the vote reminder ahead', async ({ web: w }) => {
  assert.is((await w.api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-W-1' }))).status, 201);
  const convened = await w.api.call('opm-kim', 'POST', '/qrb-cases/QRB-W-1/board', board());
  assert.is(convened.body.status, 'BOARD_CONVENED', JSON.stringify(convened.body));
  const [first, ...others] = convened.body.ecqs as string[];
  const ratings = { ...allRatings(convened.body.ecqFramework), [first!]: 'does-not-meet' };
  assert.is(
    (await w.api.call('m-lee', 'POST', '/qrb-cases/QRB-W-1/votes', { memberId: 'm-lee', ratings: allRatings(convened.body.ecqFramework) })).status,
    200,
  );
  assert.is((await w.api.call('m-patel', 'POST', '/qrb-cases/QRB-W-1/votes', { memberId: 'm-patel', ratings })).status, 200);

  const auditor = await w.signedIn('aud-frank');
  await auditor.goto('/qrb-cases/QRB-W-1');
  const tally = auditor.getByTestId('qrb-tally');
  await tally.waitFor();
  assert.match(await tally.locator('caption').innerText(), /2 of 3 members have voted/);
  const firstRow = await tally.locator('tbody tr').first().innerText();
  assert.match(firstRow, /Meets\s+Does not meet\s+Not yet voted\s+1\s+1/);
  assert.is(await tally.locator('tbody tr').count(), others.length + 1);
  assert.match(await auditor.getByTestId('who-acts-next').innerText(), /Cast QRB vote: m-chen \(QRB member\)/);
  assert.match(await auditor.getByTestId('ahead').innerText(), /Vote reminder/);
  await assertAccessible(auditor, 'QRB case page');
  await w.screenshot(auditor, 'case-page-qrb');
});

web.run();
