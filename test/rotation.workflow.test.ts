import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessCases } from '../client/processCases';
import { addDays, addMonths, daysBetween } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import type { Actor } from '../domain/roles';
import {
  midpointOf,
  rotationDefinition,
  type RotationAction,
  type RotationCommand,
  type RotationEvent,
  type RotationStart,
  type RotationState,
} from '../domain/rotation';
import { startTestStack, type TestStack } from './support/testStack';
import { agencyDateOf, agencyDayStart } from '../domain/agencyTimeZones';
import { sleepUntil, firedAt, startedState, today } from './support/timeSkipping';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';

/**
 * The GS-15 rotation pilot on the time-skipping server with the real worker, bundle
 * and SQLite store. Every rotation here runs its real six (or nine) months of
 * workflow time; dates are the test server's "today" in the home agency's zone (DOE: Washington's),
 * where the timers fire at the start of its day.
 */
type Cases = ProcessCases<RotationState, RotationCommand, RotationEvent, RotationStart, RotationAction>;
/** The instant one of the agency's days begins. */
const startOf = (date: string): number => Date.parse(agencyDayStart(date, 'DOE'));
const wf = suite<{ stack: TestStack; cases: Cases }>('rotation workflow (time-skipping server)');

const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const EMP: Actor = { id: 'emp-okafor', role: 'employee' };
const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
const OPM: Actor = { id: 'opm-reyes', role: 'opm-rotation-team' };
const HOST_SUP: Actor = { id: 'sup-hollis', role: 'supervisor' };

wf.before(async (context) => {
  context.stack = await startTestStack();
  context.cases = context.stack.casesOf(rotationDefinition);
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

const startBody = (caseId: string, participant: Partial<RotationStart['participant']> = {}): RotationStart => ({
  caseId,
  cohortId: 'PMC-IRP-2026-C1',
  participant: { id: 'emp-okafor', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 64, lastRatingLevel: 5, ...participant },
  startedBy: 'hr-ana',
});
/** The start is appended asynchronously after the workflow starts: wait until it is. */
const openedState = (cases: Cases, caseId: string): Promise<RotationState> => startedState(cases, caseId, 'NOT_OPENED');
const eventTypes = async (stack: TestStack, caseId: string) => (await stack.audit.events(`rotation-${caseId}`)).map((e) => e.type);

const interest: RotationAction = {
  type: 'SubmitStatementOfInterest',
  resume: 'Branch chief, grid reliability programs.',
  targetEcqs: ['driving-efficiency', 'leading-people'],
};
const match: RotationAction = { type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' };
const sign: RotationAction = { type: 'SignAgreement', terms: { reimbursable: false, appraisingAgency: 'host' } };
const checkIn: RotationAction = { type: 'RecordMidpointCheckIn', summary: 'On track.' };
const evaluation: RotationAction = { type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Met every objective.' };

/** Opens a case and takes it to the agreement in force, all on the test server's today. */
const toAgreement = async (stack: TestStack, cases: Cases, caseId: string) => {
  const started = await cases.start(startBody(caseId));
  await openedState(cases, caseId);
  await cases.act(caseId, { actor: EMP, action: interest });
  await cases.act(caseId, {
    actor: HOME,
    action: { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: await today(stack) } },
  });
  await cases.act(caseId, { actor: OPM, action: match });
  await cases.act(caseId, { actor: HOME, action: sign });
  const signed = await cases.act(caseId, { actor: HOST, action: sign });
  assert.is(signed.status, 'AGREEMENT_SIGNED');
  return started;
};
const begin = async (stack: TestStack, cases: Cases, caseId: string) => {
  const startDate = await today(stack);
  const state = await cases.act(caseId, { actor: HOST, action: { type: 'StartRotation', startDate } });
  return { startDate, state };
};

wf('a whole six-month rotation: mid-point check-in due at the midpoint, end at six months, evaluation, return home', async ({ stack, cases }) => {
  const caseId = 'ROT-WF-FULL-1';
  const started = await toAgreement(stack, cases, caseId);
  assert.is(started.workflowId, `rotation-${caseId}`);
  const handle = stack.env.client.workflow.getHandle(started.workflowId);
  const { startDate, state: active } = await begin(stack, cases, caseId);
  const endDate = addMonths(startDate, 6);
  const midpoint = midpointOf(startDate, endDate);
  assert.is(active.status, 'ROTATION_ACTIVE');
  assert.is(active.endDate, endDate);
  assert.is(active.midpointDate, midpoint);
  assert.is(active.policyVersion, 'ses-2025-10-01');

  const midpointMs = startOf(midpoint);
  await sleepUntil(stack, midpointMs - 60_000);
  assert.is((await cases.status(caseId)).midpointDueAt, null, 'not due before the midpoint');
  const early = await refusalOf(cases.act(caseId, { actor: HOST_SUP, action: checkIn }));
  assert.is(early.error, 'rotation.midpoint.not-yet-due');
  await sleepUntil(stack, midpointMs + 60_000);
  const due = await cases.status(caseId);
  firedAt(due.midpointDueAt, midpointMs, 'mid-point check-in due');
  const checked = await cases.act(caseId, { actor: HOST_SUP, action: checkIn });
  assert.is(checked.midpointCheckIn?.hostSupervisorId, 'sup-hollis');

  const endMs = startOf(endDate);
  await sleepUntil(stack, endMs - 60_000);
  assert.is((await cases.status(caseId)).status, 'ROTATION_ACTIVE', 'still running just before six months');
  await sleepUntil(stack, endMs + 60_000);
  const ended = await cases.status(caseId);
  assert.is(ended.status, 'PERIOD_ENDED');
  firedAt(ended.periodEndedAt, endMs, 'end of rotation');
  // Counted in DOE's calendar days: across a daylight-saving change an agency day is not 24 hours.
  assert.ok(daysBetween(startDate, agencyDateOf(ended.periodEndedAt!, 'DOE')) >= 181);

  await cases.act(caseId, { actor: HOST_SUP, action: evaluation });
  const back = await cases.act(caseId, { actor: HOME, action: { type: 'ConfirmReturnHome', returnedOn: await today(stack) } });
  assert.is(back.status, 'RETURNED_HOME');
  const result = await stack.result<RotationState>(started.workflowId);
  assert.equal(result, back);

  const events = await stack.audit.events(started.stream);
  assert.equal(
    events.map((e) => e.type),
    [
      'RotationCaseOpened',
      'RotationStatementOfInterestSubmitted',
      'RotationParticipantNominated',
      'RotationHostMatched',
      'RotationAgreementSigned',
      'RotationAgreementSigned',
      'RotationStarted',
      'RotationMidpointCheckInDue',
      'RotationMidpointCheckInRecorded',
      'RotationPeriodEnded',
      'RotationCompletionEvaluated',
      'RotationParticipantReturnedHome',
    ],
  );
  assert.equal(
    events.map((e) => e.meta.actor.id),
    ['hr-ana', 'emp-okafor', 'home-diaz', 'opm-reyes', 'home-diaz', 'host-park', 'host-park', 'workflow', 'sup-hollis', 'workflow', 'sup-hollis', 'home-diaz'],
  );
  assert.equal(events[0]?.meta.actor, HR, 'the home agency HR specialist opened it');
  assert.ok(events.every((e) => e.meta.policyVersion === 'ses-2025-10-01'));
  assert.equal(replay(rotationDefinition, events), result, 'the auditor rebuilds the very state the workflow ended with');
  assert.ok((await stack.audit.verify(started.stream)).ok);

  const late = await refusalOf(cases.act(caseId, { actor: HOME, action: { type: 'TerminateEarly', reason: 'late' } }));
  assert.is(late.status, 409);
  assert.is(late.error, 'rotation.case-closed');

  await recordHistory('rotationAssignment', handle);
});

wf('extensions: one month before the mid-point moves the mid-point and the end; two more after it move the end to nine months', async ({ stack, cases }) => {
  const caseId = 'ROT-WF-EXTEND-1';
  await toAgreement(stack, cases, caseId);
  const { startDate } = await begin(stack, cases, caseId);
  const oldMidpoint = midpointOf(startDate, addMonths(startDate, 6));
  await stack.env.sleep('30 days');
  const consent = async () => ({ officialId: 'home-diaz', consentedOn: await today(stack) });
  const one = await cases.act(caseId, { actor: HOST, action: { type: 'ExtendRotation', months: 1, homeOfficialConsent: await consent() } });
  assert.is(one.endDate, addMonths(startDate, 7));
  const newMidpoint = midpointOf(startDate, addMonths(startDate, 7));
  assert.is(one.midpointDate, newMidpoint);
  assert.ok(newMidpoint > oldMidpoint);

  await sleepUntil(stack, startOf(oldMidpoint) + 60_000);
  assert.is((await cases.status(caseId)).midpointDueAt, null, 'the old mid-point passes without a check-in falling due');
  await sleepUntil(stack, startOf(newMidpoint) + 60_000);
  firedAt((await cases.status(caseId)).midpointDueAt, startOf(newMidpoint), 'moved mid-point');
  await cases.act(caseId, { actor: HOST_SUP, action: checkIn });

  await sleepUntil(stack, startOf(addMonths(startDate, 5)));
  const nine = await cases.act(caseId, { actor: HOST, action: { type: 'ExtendRotation', months: 2, homeOfficialConsent: await consent() } });
  const endDate = addMonths(startDate, 9);
  assert.is(nine.endDate, endDate);
  assert.is(nine.extensionMonths, 3);
  assert.is(nine.midpointDate, newMidpoint, 'a check-in already due does not move');
  const over = await refusalOf(cases.act(caseId, { actor: HOST, action: { type: 'ExtendRotation', months: 1, homeOfficialConsent: await consent() } }));
  assert.is(over.status, 422);
  assert.is(over.error, 'rotation.extend.max-extension');
  assert.equal(over.issues?.[0]?.field, 'months');

  await sleepUntil(stack, startOf(addDays(addMonths(startDate, 7), 1)));
  assert.is((await cases.status(caseId)).status, 'ROTATION_ACTIVE', 'the six- and seven-month ends pass: still running');
  await sleepUntil(stack, startOf(endDate) - 60_000);
  assert.is((await cases.status(caseId)).status, 'ROTATION_ACTIVE');
  await sleepUntil(stack, startOf(endDate) + 60_000);
  const ended = await cases.status(caseId);
  assert.is(ended.status, 'PERIOD_ENDED');
  firedAt(ended.periodEndedAt, startOf(endDate), 'end of the extended rotation');
  await cases.act(caseId, { actor: HOST_SUP, action: evaluation });
  await cases.act(caseId, { actor: HOME, action: { type: 'ConfirmReturnHome', returnedOn: await today(stack) } });
  const result = await stack.result<RotationState>(`rotation-${caseId}`);
  assert.is(result.status, 'RETURNED_HOME');
  const types = await eventTypes(stack, caseId);
  assert.equal(types.filter((t) => t === 'RotationExtended').length, 2);
  assert.equal(types.filter((t) => t === 'RotationPeriodEnded').length, 1);
});

wf('early termination by the host agency ends the case; no timer fires after it', async ({ stack, cases }) => {
  const caseId = 'ROT-WF-TERMINATE-1';
  await toAgreement(stack, cases, caseId);
  const { startDate } = await begin(stack, cases, caseId);
  await stack.env.sleep('60 days');
  const out = await cases.act(caseId, { actor: HOST, action: { type: 'TerminateEarly', reason: 'The host office was reorganized.' } });
  assert.is(out.status, 'TERMINATED_EARLY');
  assert.equal(out.outcome && out.outcome.status === 'TERMINATED_EARLY' ? [out.outcome.side, out.outcome.by] : null, ['host', 'host-park']);
  const result = await stack.result<RotationState>(`rotation-${caseId}`);
  assert.equal(result, out);
  await sleepUntil(stack, startOf(addMonths(startDate, 6)) + 60_000);
  const types = await eventTypes(stack, caseId);
  assert.is(types.at(-1), 'RotationTerminatedEarly');
  assert.not.ok(types.includes('RotationMidpointCheckInDue'));
  assert.not.ok(types.includes('RotationPeriodEnded'));
});

wf('the participant withdraws before the rotation starts; later actions are refused as closed', async ({ stack, cases }) => {
  const caseId = 'ROT-WF-WITHDRAW-1';
  await cases.start(startBody(caseId));
  await openedState(cases, caseId);
  await cases.act(caseId, { actor: EMP, action: interest });
  const out = await cases.act(caseId, { actor: EMP, action: { type: 'Withdraw', reason: 'Accepted a promotion at the home agency.' } });
  assert.is(out.status, 'WITHDRAWN');
  assert.is((await stack.result<RotationState>(`rotation-${caseId}`)).status, 'WITHDRAWN');
  const late = await refusalOf(
    cases.act(caseId, {
      actor: HOME,
      action: { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: await today(stack) } },
    }),
  );
  assert.is(late.status, 409);
  assert.is(late.error, 'rotation.case-closed');
  assert.equal(await eventTypes(stack, caseId), ['RotationCaseOpened', 'RotationStatementOfInterestSubmitted', 'RotationWithdrawn']);
});

wf('refused actions append nothing and never enter the history: ineligible nominee, wrong role, home agency as host, bad shape', async ({ stack, cases }) => {
  const caseId = 'ROT-WF-REFUSALS-1';
  const { workflowId, stream } = await cases.start(startBody(caseId, { grade: 'GS-14', monthsFullTimeService: 12, lastRatingLevel: 3 }));
  await openedState(cases, caseId);
  await cases.act(caseId, { actor: EMP, action: interest });
  const nominate: RotationAction = { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: await today(stack) } };

  const ineligible = await refusalOf(cases.act(caseId, { actor: HOME, action: nominate }));
  assert.is(ineligible.status, 422);
  assert.is(ineligible.error, 'rotation.nominate.ineligible');
  assert.is(ineligible.issues?.[0]?.field, 'participant');
  for (const named of ['participant.grade', 'participant.monthsFullTimeService', 'participant.lastRatingLevel'])
    assert.ok(ineligible.message.includes(named), ineligible.message);
  assert.not.ok(ineligible.message.includes('participant.careerTenure'));
  assert.equal(rotationDefinition.pendingDecisions(await cases.status(caseId)), [], "no pending nomination in the home official's inbox");

  const wrongRole = await refusalOf(cases.act(caseId, { actor: HOST, action: nominate }));
  assert.is(wrongRole.status, 422);
  assert.is(wrongRole.error, 'rotation.nominate.home-agency-official-only');
  const tooEarly = await refusalOf(cases.act(caseId, { actor: OPM, action: match }));
  assert.is(tooEarly.status, 409);
  assert.is(tooEarly.error, 'rotation.match.not-awaiting');
  const badShape = await refusalOf(cases.act(caseId, { actor: EMP, action: { type: 'Withdraw', reason: '' } }));
  assert.is(badShape.status, 400);
  assert.is(badShape.issues?.[0]?.field, 'action.reason');

  assert.equal(await eventTypes(stack, caseId), ['RotationCaseOpened', 'RotationStatementOfInterestSubmitted'], 'refused actions appended nothing');
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  assert.is(accepted.length, 1, 'only the accepted statement of interest entered the history');

  // An eligible case: the host cannot be the home agency.
  const okCase = 'ROT-WF-REFUSALS-2';
  await cases.start(startBody(okCase));
  await openedState(cases, okCase);
  await cases.act(okCase, { actor: EMP, action: interest });
  await cases.act(okCase, { actor: HOME, action: nominate });
  const sameAgency = await refusalOf(cases.act(okCase, { actor: OPM, action: { ...match, hostAgency: 'DOE' } as RotationAction }));
  assert.is(sameAgency.status, 422);
  assert.is(sameAgency.error, 'rotation.match.host-is-home-agency');
  assert.is(sameAgency.issues?.[0]?.field, 'hostAgency');
  assert.is((await stack.audit.events(stream)).length, 2);
  assert.is((await stack.audit.events(`rotation-${okCase}`)).length, 3);
  // Close both, so no workflow is left waiting.
  for (const id of [caseId, okCase]) await cases.act(id, { actor: EMP, action: { type: 'Withdraw', reason: 'Test done.' } });
});

wf.run();
