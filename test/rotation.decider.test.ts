import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, addMonths, dateOf, daysBetween } from '../domain/calendar';
import type { Decision, DomainError } from '../domain/domainError';
import { policyById } from '../domain/policyVersions';
import { replay } from '../domain/processDefinition';
import { SYSTEM_ACTOR, type Actor } from '../domain/roles';
import {
  ROTATION_EVENT_SCHEMA_VERSION,
  RotationActionSchema,
  RotationStartSchema,
  decideRotation,
  evolveRotation,
  initialRotationState,
  isRotationTerminal,
  midpointOf,
  nextRotationTimer,
  rotationDefinition,
  rotationEndDate,
  rotationTimerCommand,
  type RotationAction,
  type RotationCommand,
  type RotationEvent,
  type RotationStart,
  type RotationState,
} from '../domain/rotation';

// --- fixtures ---------------------------------------------------------------
const OPEN_AT = '2026-11-23T14:00:00.000Z';
const day = (date: string) => `${date}T12:00:00.000Z`;
const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const EMP: Actor = { id: 'emp-okafor', role: 'employee' };
const HOME: Actor = { id: 'home-diaz', role: 'home-agency-official' };
const HOST: Actor = { id: 'host-park', role: 'host-agency-official' };
const OPM: Actor = { id: 'opm-reyes', role: 'opm-rotation-team' };
const HOST_SUP: Actor = { id: 'sup-hollis', role: 'supervisor' };
const HOME_SUP: Actor = { id: 'sup-ortiz', role: 'supervisor' };

type Participant = RotationStart['participant'];
const startBody = (participant: Partial<Participant> = {}, overrides: Partial<RotationStart> = {}): RotationStart => ({
  caseId: 'ROT-2026-0007',
  cohortId: 'PMC-IRP-2026-C1',
  participant: { id: 'emp-okafor', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 64, lastRatingLevel: 5, ...participant },
  startedBy: 'hr-ana',
  ...overrides,
});
const openCmd = (participant: Partial<Participant> = {}, actor: Actor = HR, policyVersion?: string, overrides: Partial<RotationStart> = {}): RotationCommand =>
  rotationDefinition.startCommand(startBody(participant, overrides), OPEN_AT, actor, policyVersion);
const act = (action: RotationAction, actor: Actor, at = day('2026-11-24')): RotationCommand => rotationDefinition.actionCommand(action, at, actor);

const interest: RotationAction = { type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['driving-efficiency', 'leading-people'] };
const nomination: RotationAction = { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' } };
const match: RotationAction = { type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' };
const terms = { reimbursable: false, appraisingAgency: 'host' as const };
const sign: RotationAction = { type: 'SignAgreement', terms };
const START_DATE = '2026-12-07';
const begin: RotationAction = { type: 'StartRotation', startDate: START_DATE };
const checkIn: RotationAction = { type: 'RecordMidpointCheckIn', summary: 'On track.' };
const extendBy = (months: number, consentedOn = '2027-04-01'): RotationAction => ({
  type: 'ExtendRotation',
  months,
  homeOfficialConsent: { officialId: 'home-diaz', consentedOn },
});
const evaluation: RotationAction = { type: 'SubmitCompletionEvaluation', outcome: 'objectives-met', summary: 'Met every objective.' };
const returnHome = (returnedOn: string): RotationAction => ({ type: 'ConfirmReturnHome', returnedOn });
const withdrawal: RotationAction = { type: 'Withdraw', reason: 'Promotion at home.' };
const termination: RotationAction = { type: 'TerminateEarly', reason: 'Host office reorganized.' };
const timer = (type: 'MarkMidpointCheckInDue' | 'EndRotationPeriod', at: string): RotationCommand => ({ type, at, actor: SYSTEM_ACTOR });

const given = (...commands: RotationCommand[]): RotationState =>
  commands.reduce((state, command) => {
    const decision = decideRotation(state, command);
    if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.rule}: ${decision.error.message}`);
    return decision.events.reduce(evolveRotation, state);
  }, initialRotationState);
const more = (state: RotationState, ...commands: RotationCommand[]): RotationState =>
  commands.reduce((s, command) => {
    const decision = decideRotation(s, command);
    if (!decision.ok) throw new Error(`command ${command.type} refused: ${decision.error.rule}: ${decision.error.message}`);
    return decision.events.reduce(evolveRotation, s);
  }, state);
const refusal = (decision: Decision<RotationEvent>): DomainError => {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.error;
};
const events = (decision: Decision<RotationEvent>): RotationEvent[] => {
  if (!decision.ok) throw new Error(`expected events, got refusal ${decision.error.rule}: ${decision.error.message}`);
  return decision.events;
};
const expectRefusal = (state: RotationState, command: RotationCommand, rule: string, field?: string, kind?: 'invalid' | 'conflict') => {
  const error = refusal(decideRotation(state, command));
  assert.is(error.rule, rule, error.message);
  assert.is(error.field, field, `field of ${rule}`);
  if (kind) assert.is(error.kind, kind);
  return error;
};

const opened = (participant: Partial<Participant> = {}) => given(openCmd(participant));
const interested = (participant: Partial<Participant> = {}) => more(opened(participant), act(interest, EMP));
const nominated = () => more(interested(), act(nomination, HOME));
const matched = () => more(nominated(), act(match, OPM));
const signed = () => more(matched(), act(sign, HOME), act(sign, HOST));
const active = () => more(signed(), act(begin, HOST, day('2026-12-01')));
// 2026-12-07 + 6 months = 2027-06-07; 182 days, midpoint 91 days in.
const END = '2027-06-07';
const MIDPOINT = '2027-03-08';
const midpointDue = () => more(active(), timer('MarkMidpointCheckInDue', `${MIDPOINT}T00:00:00.000Z`));
const ended = () => more(midpointDue(), act(checkIn, HOST_SUP, day('2027-03-09')), timer('EndRotationPeriod', `${END}T00:00:00.000Z`));
const evaluated = () => more(ended(), act(evaluation, HOST_SUP, day('2027-06-08')));

// --- opening -----------------------------------------------------------------
const opening = suite('rotation: opening on the cohort call');
opening('the home agency HR specialist opens the case; it pins the policy version and ECQ framework', () => {
  const [event] = events(decideRotation(initialRotationState, openCmd()));
  assert.is(event?.type, 'RotationCaseOpened');
  assert.equal(event?.data, { start: startBody(), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' });
  const state = opened();
  assert.is(state.status, 'COHORT_CALLED');
  assert.is(state.cohortId, 'PMC-IRP-2026-C1');
  assert.is(state.policyVersion, 'ses-2025-10-01');
});
opening('only an HR specialist, as themself, not the participant; a known policy version; once', () => {
  expectRefusal(initialRotationState, openCmd({}, HOME), 'rotation.open.hr-specialist-only', undefined, 'invalid');
  expectRefusal(initialRotationState, openCmd({}, { id: 'hr-bo', role: 'hr-specialist' }), 'rotation.open.starter-is-actor', 'startedBy');
  expectRefusal(initialRotationState, openCmd({ id: 'hr-ana' }), 'rotation.open.separation-of-duties', 'startedBy');
  expectRefusal(initialRotationState, openCmd({}, HR, 'ses-1999'), 'rotation.open.unknown-policy-version', 'policyVersion');
  expectRefusal(opened(), openCmd(), 'rotation.open.already-opened', undefined, 'conflict');
});
opening('the start body is validated by zod: case id, grade, rating 1-5', () => {
  assert.ok(RotationStartSchema.safeParse(startBody()).success);
  const bad = RotationStartSchema.safeParse({ ...startBody(), caseId: 'x', participant: { ...startBody().participant, grade: 'fifteen', lastRatingLevel: 6 } });
  assert.not.ok(bad.success);
  const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
  assert.equal(paths, ['caseId', 'participant.grade', 'participant.lastRatingLevel']);
});
opening('nothing but opening is taken before the case is opened', () => {
  expectRefusal(initialRotationState, act(interest, EMP), 'rotation.not-opened', undefined, 'conflict');
});
opening.run();

// --- interest and nomination ---------------------------------------------------------
const nominate = suite('rotation: statement of interest and nomination');
nominate('the participant submits a statement of interest with ECQs of the case framework', () => {
  const state = interested();
  assert.is(state.status, 'INTEREST_SUBMITTED');
  assert.equal(state.statementOfInterest?.targetEcqs, ['driving-efficiency', 'leading-people']);
});
nominate('statement of interest refusals: only the participant, only ECQs, no repeats, once', () => {
  expectRefusal(opened(), act(interest, HOME_SUP), 'rotation.interest.participant-only', undefined, 'invalid');
  expectRefusal(opened(), act(interest, { id: 'emp-other', role: 'employee' }), 'rotation.interest.participant-only');
  expectRefusal(
    opened(),
    act({ ...interest, targetEcqs: ['leading-people', 'charisma'] } as RotationAction, EMP),
    'rotation.interest.unknown-ecq',
    'targetEcqs.1',
  );
  expectRefusal(
    opened(),
    act({ ...interest, targetEcqs: ['leading-people', 'leading-people'] } as RotationAction, EMP),
    'rotation.interest.distinct-ecqs',
    'targetEcqs.1',
  );
  expectRefusal(interested(), act(interest, EMP), 'rotation.interest.not-awaiting', undefined, 'conflict');
});
nominate('the home agency official nominates with the supervisor concurrence', () => {
  const state = nominated();
  assert.is(state.status, 'NOMINATED');
  assert.equal(state.nomination?.supervisorConcurrence, { supervisorId: 'sup-ortiz', concurredOn: '2026-11-23' });
  assert.is(state.nomination?.nominatedBy, 'home-diaz');
});
nominate('nomination refusals: role, state, concurrence by someone else and not in the future', () => {
  expectRefusal(interested(), act(nomination, HOST), 'rotation.nominate.home-agency-official-only', undefined, 'invalid');
  expectRefusal(opened(), act(nomination, HOME), 'rotation.nominate.not-awaiting', undefined, 'conflict');
  expectRefusal(
    interested(),
    act({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'emp-okafor', concurredOn: '2026-11-23' } }, HOME),
    'rotation.nominate.separation-of-duties',
    'supervisorConcurrence.supervisorId',
  );
  expectRefusal(
    interested(),
    act({ type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: '2026-11-25' } }, HOME),
    'rotation.nominate.concurrence-in-future',
    'supervisorConcurrence.concurredOn',
  );
});
nominate('each eligibility check alone is named with its field', () => {
  const cases: [Partial<Participant>, string, RegExp][] = [
    [{ grade: 'GS-14' }, 'participant.grade', /grade \(participant.grade\): grade GS-14 is not the pilot's GS-15/],
    [{ monthsFullTimeService: 17 }, 'participant.monthsFullTimeService', /17 months of full-time service, fewer than 18/],
    [{ lastRatingLevel: 3 }, 'participant.lastRatingLevel', /last rating level 3, below 4/],
    [{ careerTenure: false }, 'participant.careerTenure', /no career or career-conditional tenure/],
  ];
  for (const [participant, field, message] of cases) {
    const error = expectRefusal(interested(participant), act(nomination, HOME), 'rotation.nominate.ineligible', field, 'invalid');
    assert.match(error.message, message);
  }
  // The thresholds themselves pass.
  assert.is(more(interested({ monthsFullTimeService: 18, lastRatingLevel: 4 }), act(nomination, HOME)).status, 'NOMINATED');
});
nominate('an ineligible nominee failing several checks gets one refusal naming every failed check', () => {
  const error = expectRefusal(
    interested({ grade: 'GS-13', monthsFullTimeService: 6, lastRatingLevel: 3, careerTenure: false }),
    act(nomination, HOME),
    'rotation.nominate.ineligible',
    'participant',
  );
  for (const check of [
    'grade (participant.grade)',
    'full-time-service (participant.monthsFullTimeService)',
    'last-rating (participant.lastRatingLevel)',
    'career-tenure (participant.careerTenure)',
  ]) {
    assert.ok(error.message.includes(check), `${check} named in: ${error.message}`);
  }
  assert.match(error.message, /under policy ses-2025-10-01/);
});
nominate.run();

// --- match and agreement --------------------------------------------------------------
const matching = suite('rotation: host match, declines and the agreement');
matching('OPM or a host official matches a host agency other than the home agency', () => {
  assert.is(matched().status, 'MATCHED');
  assert.is(more(nominated(), act(match, HOST)).match?.matchedBy, 'host-park');
  expectRefusal(nominated(), act(match, HOME), 'rotation.match.opm-or-host-only', undefined, 'invalid');
  expectRefusal(nominated(), act({ ...match, hostAgency: 'DOE' } as RotationAction, OPM), 'rotation.match.host-is-home-agency', 'hostAgency');
  expectRefusal(
    nominated(),
    act({ ...match, hostSupervisorId: 'emp-okafor' } as RotationAction, OPM),
    'rotation.match.separation-of-duties',
    'hostSupervisorId',
  );
  expectRefusal(interested(), act(match, OPM), 'rotation.match.not-awaiting', undefined, 'conflict');
});
matching('the participant declines a match: back to awaiting a match, a half-signed agreement lapses; a new match follows', () => {
  const halfSigned = more(matched(), act(sign, HOME));
  expectRefusal(halfSigned, act({ type: 'DeclineMatch', reason: 'Too far.' }, HOME), 'rotation.decline.participant-only', undefined, 'invalid');
  const declined = more(halfSigned, act({ type: 'DeclineMatch', reason: 'The assignment does not fit my targeted ECQs.' }, EMP));
  assert.is(declined.status, 'NOMINATED');
  assert.is(declined.match, null);
  assert.equal(declined.signatures, { home: null, host: null });
  assert.equal(
    declined.declinedMatches.map((d) => d.hostAgency),
    ['OMB'],
  );
  expectRefusal(declined, act({ type: 'DeclineMatch', reason: 'again' }, EMP), 'rotation.decline.no-open-match', undefined, 'conflict');
  assert.is(more(declined, act({ ...match, hostAgency: 'GSA' } as RotationAction, OPM)).status, 'MATCHED');
});
matching('each side signs once; the agreement is in force when both signed the same terms', () => {
  const home = more(matched(), act(sign, HOME));
  assert.is(home.status, 'MATCHED');
  assert.is(home.agreement, null);
  const [event] = events(decideRotation(home, act(sign, HOST)));
  assert.equal(event?.data, { side: 'host', signedBy: 'host-park', terms, inForce: true });
  const both = signed();
  assert.is(both.status, 'AGREEMENT_SIGNED');
  assert.equal(both.agreement?.terms, { reimbursable: false, appraisingAgency: 'host' });
  expectRefusal(home, act(sign, { id: 'home-2', role: 'home-agency-official' }), 'rotation.agreement.already-signed', undefined, 'conflict');
  expectRefusal(home, act({ type: 'SignAgreement', terms: { ...terms, reimbursable: true } }, HOST), 'rotation.agreement.terms-differ', 'terms');
  expectRefusal(matched(), act(sign, OPM), 'rotation.agreement.agency-official-only', undefined, 'invalid');
  expectRefusal(nominated(), act(sign, HOME), 'rotation.agreement.not-awaiting', undefined, 'conflict');
});
matching.run();

// --- the rotation ---------------------------------------------------------------------
const running = suite('rotation: start, mid-point, extension, end, evaluation, return');
running('the rotation starts after the agreement; end = start + rotationMonths, midpoint halfway', () => {
  const state = active();
  assert.is(state.status, 'ROTATION_ACTIVE');
  assert.is(state.startDate, START_DATE);
  assert.is(state.endDate, END);
  assert.is(state.endDate, addMonths(START_DATE, policyById('ses-2025-10-01').rotation.rotationMonths));
  assert.is(state.midpointDate, MIDPOINT);
  assert.equal(nextRotationTimer(state), { kind: 'midpoint-check-in-due', dueAt: `${MIDPOINT}T00:00:00.000Z` });
});
running('start refusals: agreement in force, an agency official, not in the past', () => {
  expectRefusal(matched(), act(begin, HOST), 'rotation.start.agreement-not-in-force', undefined, 'conflict');
  expectRefusal(more(matched(), act(sign, HOME)), act(begin, HOST), 'rotation.start.agreement-not-in-force');
  expectRefusal(signed(), act(begin, EMP), 'rotation.start.agency-official-only', undefined, 'invalid');
  expectRefusal(signed(), act(begin, HOME, day('2026-12-08')), 'rotation.start.date-in-past', 'startDate');
});
running('the mid-point falls due on its date, then the host supervisor records the check-in', () => {
  expectRefusal(active(), timer('MarkMidpointCheckInDue', day('2027-03-07')), 'rotation.timer.not-yet-due');
  expectRefusal(active(), act(checkIn, HOST_SUP, day('2027-03-07')), 'rotation.midpoint.not-yet-due', undefined, 'conflict');
  const due = midpointDue();
  assert.is(due.midpointDueAt, `${MIDPOINT}T00:00:00.000Z`);
  assert.equal(nextRotationTimer(due), { kind: 'end-of-rotation', dueAt: `${END}T00:00:00.000Z` });
  expectRefusal(due, act(checkIn, HOME_SUP, day('2027-03-09')), 'rotation.midpoint.host-supervisor-only', undefined, 'invalid');
  const recorded = more(due, act(checkIn, HOST_SUP, day('2027-03-09')));
  assert.is(recorded.midpointCheckIn?.hostSupervisorId, 'sup-hollis');
  expectRefusal(recorded, act(checkIn, HOST_SUP, day('2027-03-10')), 'rotation.midpoint.already-recorded', undefined, 'conflict');
  expectRefusal(due, timer('MarkMidpointCheckInDue', day('2027-03-10')), 'rotation.timer.midpoint-already-due');
});
running('timers are the system only', () => {
  expectRefusal(active(), { type: 'MarkMidpointCheckInDue', at: day(MIDPOINT), actor: HOST }, 'rotation.timer.system-only', undefined, 'invalid');
  expectRefusal(active(), { type: 'EndRotationPeriod', at: day(END), actor: HOME }, 'rotation.timer.system-only');
});
running('the period ends on the end date, not before; then the host supervisor evaluates', () => {
  expectRefusal(midpointDue(), timer('EndRotationPeriod', day('2027-06-06')), 'rotation.timer.not-yet-due');
  const end = ended();
  assert.is(end.status, 'PERIOD_ENDED');
  assert.is(nextRotationTimer(end), null);
  expectRefusal(midpointDue(), act(evaluation, HOST_SUP, day('2027-05-01')), 'rotation.evaluation.not-ended', undefined, 'conflict');
  expectRefusal(end, act(evaluation, HOST, day('2027-06-08')), 'rotation.evaluation.host-supervisor-only', undefined, 'invalid');
  assert.is(evaluated().evaluation?.outcome, 'objectives-met');
});
running('the home official confirms the return home: terminal RETURNED_HOME', () => {
  expectRefusal(ended(), act(returnHome(END), HOME, day('2027-06-08')), 'rotation.return.not-evaluated', undefined, 'conflict');
  expectRefusal(evaluated(), act(returnHome(END), HOST, day('2027-06-08')), 'rotation.return.home-agency-official-only', undefined, 'invalid');
  expectRefusal(evaluated(), act(returnHome('2027-06-06'), HOME, day('2027-06-08')), 'rotation.return.before-end', 'returnedOn');
  expectRefusal(evaluated(), act(returnHome('2027-06-09'), HOME, day('2027-06-08')), 'rotation.return.date-in-future', 'returnedOn');
  const back = more(evaluated(), act(returnHome(END), HOME, day('2027-06-08')));
  assert.is(back.status, 'RETURNED_HOME');
  assert.ok(isRotationTerminal(back));
  assert.is(nextRotationTimer(back), null);
  expectRefusal(back, act(termination, HOME, day('2027-06-09')), 'rotation.case-closed', undefined, 'conflict');
});
running('an extension before the mid-point moves the end and the mid-point', () => {
  const ext = more(active(), act(extendBy(3, '2027-01-10'), HOST, day('2027-01-10')));
  assert.is(ext.endDate, '2027-09-07');
  assert.is(ext.extensionMonths, 3);
  assert.is(ext.midpointDate, midpointOf(START_DATE, '2027-09-07'));
  assert.equal(nextRotationTimer(ext)?.dueAt, `${ext.midpointDate}T00:00:00.000Z`);
});
running('an extension after the mid-point moves only the end; extensions add up to the policy maximum', () => {
  const one = more(midpointDue(), act(extendBy(1), HOST, day('2027-04-01')));
  assert.is(one.endDate, '2027-07-07');
  assert.is(one.midpointDate, MIDPOINT);
  const three = more(one, act(extendBy(2), HOST, day('2027-04-02')));
  assert.is(three.endDate, '2027-09-07');
  assert.equal(nextRotationTimer(three), { kind: 'end-of-rotation', dueAt: '2027-09-07T00:00:00.000Z' });
  const error = expectRefusal(three, act(extendBy(1), HOST, day('2027-04-03')), 'rotation.extend.max-extension', 'months', 'invalid');
  assert.match(error.message, /at most 3 months.*3 already granted/);
  expectRefusal(midpointDue(), act(extendBy(4), HOST, day('2027-04-01')), 'rotation.extend.max-extension', 'months');
});
running('extension refusals: host official only, home consent by another and not in the future, while active and before the end', () => {
  expectRefusal(active(), act(extendBy(1), HOME, day('2027-04-01')), 'rotation.extend.host-agency-official-only', undefined, 'invalid');
  expectRefusal(
    active(),
    act({ type: 'ExtendRotation', months: 1, homeOfficialConsent: { officialId: 'host-park', consentedOn: '2027-04-01' } }, HOST, day('2027-04-01')),
    'rotation.extend.home-consent',
    'homeOfficialConsent.officialId',
  );
  expectRefusal(active(), act(extendBy(1, '2027-04-02'), HOST, day('2027-04-01')), 'rotation.extend.consent-in-future', 'homeOfficialConsent.consentedOn');
  expectRefusal(active(), act(extendBy(1), HOST, day(END)), 'rotation.extend.period-over', undefined, 'conflict');
  expectRefusal(ended(), act(extendBy(1), HOST, day('2027-06-08')), 'rotation.extend.not-active', undefined, 'conflict');
  expectRefusal(signed(), act(extendBy(1), HOST), 'rotation.extend.not-active');
});
running.run();

// --- early endings -------------------------------------------------------------------
const endings = suite('rotation: early termination and withdrawal');
endings('either agency terminates a running rotation with a reason: terminal, no more timers', () => {
  for (const [actor, side] of [
    [HOME, 'home'],
    [HOST, 'host'],
  ] as const) {
    const state = more(active(), act(termination, actor, day('2027-02-01')));
    assert.is(state.status, 'TERMINATED_EARLY');
    assert.equal(state.outcome, { status: 'TERMINATED_EARLY', at: day('2027-02-01'), by: actor.id, side, reason: 'Host office reorganized.' });
    assert.is(nextRotationTimer(state), null);
    expectRefusal(state, timer('EndRotationPeriod', day(END)), 'rotation.case-closed', undefined, 'conflict');
  }
  expectRefusal(active(), act(termination, EMP, day('2027-02-01')), 'rotation.terminate.agency-official-only', undefined, 'invalid');
  expectRefusal(signed(), act(termination, HOME), 'rotation.terminate.not-active', undefined, 'conflict');
  expectRefusal(ended(), act(termination, HOME, day('2027-06-08')), 'rotation.terminate.not-active');
});
endings('the participant withdraws at any open step before the rotation starts, never after', () => {
  for (const state of [opened(), interested(), nominated(), matched(), signed()]) {
    const out = more(state, act(withdrawal, EMP, day('2026-12-01')));
    assert.is(out.status, 'WITHDRAWN');
    assert.is(out.outcome?.status === 'WITHDRAWN' && out.outcome.fromStatus, state.status);
  }
  expectRefusal(nominated(), act(withdrawal, HOME), 'rotation.withdraw.participant-only', undefined, 'invalid');
  expectRefusal(active(), act(withdrawal, EMP, day('2027-01-01')), 'rotation.withdraw.rotation-started', undefined, 'conflict');
  const gone = more(opened(), act(withdrawal, EMP));
  expectRefusal(gone, act(interest, EMP), 'rotation.case-closed', undefined, 'conflict');
});
endings.run();

// --- properties ---------------------------------------------------------------------
const props = suite('rotation: properties');
const ACTORS: readonly Actor[] = [HR, EMP, HOME, HOST, OPM, HOST_SUP, HOME_SUP];
const actionArb: fc.Arbitrary<RotationAction> = fc.oneof(
  fc.constant(interest),
  fc.constant(nomination),
  fc.constantFrom('OMB', 'GSA', 'DOE').map((hostAgency): RotationAction => ({ ...match, hostAgency }) as RotationAction),
  fc.constant<RotationAction>({ type: 'DeclineMatch', reason: 'No.' }),
  { weight: 3, arbitrary: fc.boolean().map((reimbursable): RotationAction => ({ type: 'SignAgreement', terms: { reimbursable, appraisingAgency: 'host' } })) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 20 }).map((n): RotationAction => ({ type: 'StartRotation', startDate: `+${n}` })) },
  fc.constant(checkIn),
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((months): RotationAction => extendBy(months, 'today')) },
  fc.constant(evaluation),
  fc.constant<RotationAction>({ type: 'ConfirmReturnHome', returnedOn: 'today' }),
  { weight: 1, arbitrary: fc.constant(termination) },
  { weight: 1, arbitrary: fc.constant(withdrawal) },
);
const rightActor = (action: RotationAction): Actor => {
  switch (action.type) {
    case 'SubmitStatementOfInterest':
    case 'DeclineMatch':
    case 'Withdraw':
      return EMP;
    case 'NominateParticipant':
    case 'ConfirmReturnHome':
      return HOME;
    case 'MatchHost':
      return OPM;
    case 'RecordMidpointCheckIn':
    case 'SubmitCompletionEvaluation':
      return HOST_SUP;
    default:
      return HOST;
  }
};
/** The action that moves the case on, as the right people would take it (so random runs go the whole way). */
const progress = (state: RotationState, today: string): RotationAction | null => {
  switch (state.status) {
    case 'COHORT_CALLED':
      return interest;
    case 'INTEREST_SUBMITTED':
      return nomination;
    case 'NOMINATED':
      return match;
    case 'MATCHED':
      return sign;
    case 'AGREEMENT_SIGNED':
      return { type: 'StartRotation', startDate: today };
    case 'ROTATION_ACTIVE':
      return state.midpointDueAt && !state.midpointCheckIn ? checkIn : null;
    case 'PERIOD_ENDED':
      return evaluation;
    case 'EVALUATED':
      return { type: 'ConfirmReturnHome', returnedOn: today };
    default:
      return null;
  }
};
const stepArb = fc.record({
  gapDays: fc.integer({ min: 0, max: 60 }),
  progress: fc.boolean(),
  action: fc.option(actionArb, { nil: null, freq: 6 }),
  actor: fc.option(fc.constantFrom(...ACTORS), { nil: null, freq: 3 }),
  bothSign: fc.boolean(),
});
const runArb = fc.record({ steps: fc.array(stepArb, { maxLength: 30 }), finish: fc.boolean() });
type Step = { gapDays: number; progress: boolean; action: RotationAction | null; actor: Actor | null; bothSign: boolean };
interface Run {
  states: RotationState[];
  events: RotationEvent[];
  decisions: { before: RotationState; decision: Decision<RotationEvent> }[];
}
/** Plays a random run: every due timer fires first (as the workflow would), then the step's action. */
const play = ({ steps, finish }: { steps: Step[]; finish: boolean }): Run => {
  let state = initialRotationState;
  const run: Run = { states: [], events: [], decisions: [] };
  const apply = (command: RotationCommand) => {
    const decision = decideRotation(state, command);
    run.decisions.push({ before: state, decision });
    if (decision.ok) {
      run.events.push(...decision.events);
      state = decision.events.reduce(evolveRotation, state);
      run.states.push(state);
    }
    return decision;
  };
  apply(openCmd());
  let today = dateOf(OPEN_AT);
  // Far ahead at the end, so every remaining timer fires; a finishing run then takes the steps that close the case.
  const tail = (gapDays: number): Step => ({ gapDays, progress: finish, action: null, actor: null, bothSign: false });
  for (const step of [...steps, tail(400), tail(1), tail(1)]) {
    today = addDays(today, step.gapDays);
    const now = day(today);
    for (let t = nextRotationTimer(state); t && t.dueAt <= now; t = nextRotationTimer(state)) {
      if (!apply(rotationTimerCommand(t, t.dueAt)).ok) throw new Error(`due timer ${t.kind} refused`);
    }
    const chosen = step.progress ? progress(state, today) : step.action;
    if (!chosen) continue;
    let action = chosen;
    if (action.type === 'StartRotation' && action.startDate.startsWith('+'))
      action = { ...action, startDate: addDays(today, Number(action.startDate.slice(1))) };
    if (action.type === 'ExtendRotation') action = { ...action, homeOfficialConsent: { ...action.homeOfficialConsent, consentedOn: today } };
    if (action.type === 'ConfirmReturnHome') action = { ...action, returnedOn: today };
    const actor = step.progress ? rightActor(action) : (step.actor ?? rightActor(action));
    apply(act(action, actor, now));
    if (action.type === 'SignAgreement' && (step.bothSign || step.progress)) apply(act(action, actor.role === 'home-agency-official' ? HOST : HOME, now));
  }
  return run;
};

props('no event is ever accepted after a terminal state, and the terminal event is the last', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const { before, decision } of run.decisions) if (isRotationTerminal(before)) assert.not.ok(decision.ok, 'a terminal case accepted a command');
      const terminalAt = run.events.findIndex((e) => ['RotationParticipantReturnedHome', 'RotationTerminatedEarly', 'RotationWithdrawn'].includes(e.type));
      assert.ok(terminalAt === -1 || terminalAt === run.events.length - 1, 'the terminal event is the last');
    }),
    { numRuns: 400 },
  );
});
props('replaying the stream (through parseEvent, as stored JSON) always equals the live state', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      const stored = run.events.map((e) => ({
        type: e.type,
        schemaVersion: ROTATION_EVENT_SCHEMA_VERSION,
        data: JSON.parse(JSON.stringify(e.data)),
        meta: { occurredAt: e.occurredAt },
      }));
      const live = run.states.at(-1)!;
      assert.equal(replay(rotationDefinition, stored), live);
      assert.equal(JSON.parse(JSON.stringify(live)), live, 'the state is plain JSON');
    }),
    { numRuns: 400 },
  );
});
props('dates are always computed from the pinned policy: end, mid-point, extensions within the maximum', () => {
  fc.assert(
    fc.property(runArb, (input) => {
      const run = play(input);
      for (const state of run.states) {
        if (state.startDate === null) continue;
        const policy = policyById(state.policyVersion!).rotation;
        assert.ok(state.extensionMonths <= policy.maxExtensionMonths, 'extension within the maximum');
        assert.is(
          state.extensionMonths,
          state.extensions.reduce((sum, e) => sum + e.months, 0),
        );
        assert.is(state.endDate, rotationEndDate(state.startDate, policy, state.extensionMonths));
        assert.ok(state.midpointDate! > state.startDate && state.midpointDate! < state.endDate!, 'mid-point inside the period');
        if (state.midpointDueAt) assert.is(dateOf(state.midpointDueAt), state.midpointDate);
        if (state.periodEndedAt) assert.is(dateOf(state.periodEndedAt), state.endDate);
        if (state.extensions.length === 0) assert.is(state.midpointDate, midpointOf(state.startDate, state.endDate!));
        assert.ok(daysBetween(state.startDate, state.endDate!) >= 181, 'at least six months');
      }
    }),
    { numRuns: 400 },
  );
});
props('random runs reach every ending (the generator exercises the whole process)', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(runArb, (input) => {
      const { states } = play(input);
      seen.add(states.at(-1)!.status);
      if (states.some((st) => st.extensionMonths > 0)) seen.add('extended');
      if (states.some((st) => st.declinedMatches.length > 0)) seen.add('declined');
    }),
    { numRuns: 400, seed: 42 },
  );
  for (const status of ['WITHDRAWN', 'TERMINATED_EARLY', 'PERIOD_ENDED', 'RETURNED_HOME', 'extended', 'declined'])
    assert.ok(seen.has(status), `${status} reached; seen ${[...seen].join(', ')}`);
});
props.run();

// --- examples -----------------------------------------------------------------------
const examples = suite('rotation: examples/ bodies');
const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `rotation-${name}.json`), 'utf8'));
examples('every example body parses and is accepted at a date in its story', () => {
  let state = given(rotationDefinition.startCommand(RotationStartSchema.parse(example('start')), OPEN_AT, HR));
  const play1 = (name: string, at: string) => {
    const body = example(name);
    const decision = decideRotation(state, act(RotationActionSchema.parse(body.action), body.actor, at));
    state = events(decision).reduce(evolveRotation, state);
  };
  play1('interest', day('2026-11-23'));
  play1('nominate', day('2026-11-23'));
  play1('match', day('2026-11-24'));
  play1('sign-home', day('2026-11-25'));
  play1('sign-host', day('2026-11-26'));
  play1('begin', day('2026-11-30'));
  state = more(state, timer('MarkMidpointCheckInDue', `${MIDPOINT}T00:00:00.000Z`));
  play1('checkin', day('2027-03-10'));
  play1('extend', day('2027-05-03'));
  assert.is(state.endDate, '2027-09-07');
  state = more(state, timer('EndRotationPeriod', '2027-09-07T00:00:00.000Z'));
  play1('evaluate', day('2027-09-07'));
  play1('return', day('2027-09-08'));
  assert.is(state.status, 'RETURNED_HOME');
  const withdrawBody = example('withdraw');
  assert.ok(decideRotation(opened(), act(RotationActionSchema.parse(withdrawBody.action), withdrawBody.actor)).ok);
  const terminateBody = example('terminate');
  assert.ok(decideRotation(active(), act(RotationActionSchema.parse(terminateBody.action), terminateBody.actor, day('2027-01-05'))).ok);
});
examples.run();
