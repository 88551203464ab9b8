import { refuseUnlessActingFor, refuseUnlessInRole, roleActedIn } from '../actingFor';
import { accept, refuse, type Decision } from '../domainError';
import { ecqsOf } from '../ecqFrameworks';
import { commandDateOf } from '../agencyTimeZones';
import { policyById, policyForStart } from '../policyVersions';
import type { Role } from '../roles';
import { refuseAuditor, refuseStarter, refuseStarterAsApprover, type Starter } from '../separationOfDuties';
import type { AgreementTerms, RotationCommand } from './commands';
import type { RotationEvent } from './events';
import { eligibilityFailures, midpointOf, ratingLevelsOf, rotationEndDate } from './rules';
import { ROTATION_PRE_START_STATUSES, isRotationTerminal, type RotationState, type RotationStatus } from './state';

type CommandOf<T extends RotationCommand['type']> = Extract<RotationCommand, { type: T }>;
type Result = Decision<RotationEvent>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideRotation = (state: RotationState, command: RotationCommand): Result => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  if (command.type === 'OpenRotationCase') return open(state, command);
  if (state.status === 'NOT_OPENED') return refuse('conflict', 'rotation.not-opened', 'the rotation case has not been opened');
  if (isRotationTerminal(state)) {
    return refuse('conflict', 'rotation.case-closed', `case ${state.caseId} is closed (${state.status}); it takes no more actions`);
  }
  switch (command.type) {
    case 'SubmitStatementOfInterest':
      return submitInterest(state, command);
    case 'NominateParticipant':
      return nominate(state, command);
    case 'MatchHost':
      return matchHost(state, command);
    case 'DeclineMatch':
      return declineMatch(state, command);
    case 'SignAgreement':
      return signAgreement(state, command);
    case 'StartRotation':
      return startRotation(state, command);
    case 'RecordMidpointCheckIn':
      return recordCheckIn(state, command);
    case 'ExtendRotation':
      return extend(state, command);
    case 'SubmitCompletionEvaluation':
      return evaluate(state, command);
    case 'ConfirmReturnHome':
      return confirmReturn(state, command);
    case 'TerminateEarly':
      return terminateEarly(state, command);
    case 'Withdraw':
      return withdraw(state, command);
    case 'MarkMidpointCheckInDue':
      return markMidpointDue(state, command);
    case 'EndRotationPeriod':
      return endPeriod(state, command);
  }
};

const policyOf = (state: RotationState) => policyById(state.policyVersion!).rotation;

/** The day a command is decided on: a day of the home agency, which owns the case. */
const dayOf = (state: RotationState, command: RotationCommand): string => commandDateOf(command, state.participant!.homeAgency);

const open = (state: RotationState, command: CommandOf<'OpenRotationCase'>): Result => {
  const { start, actor, at } = command;
  if (state.status !== 'NOT_OPENED') return refuse('conflict', 'rotation.open.already-opened', `case ${state.caseId} was already opened on ${state.openedAt}`);
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'rotation.open.hr-specialist-only', `only the home agency's HR specialist opens a rotation case, not a ${actor.role}`);
  }
  if (actor.id !== start.startedBy)
    return refuse('invalid', 'rotation.open.starter-is-actor', `startedBy must be the acting specialist ${actor.id}`, 'startedBy');
  if (start.startedBy === start.participant.id) {
    return refuse('invalid', 'rotation.open.separation-of-duties', `the participant ${start.participant.id} cannot open their own case`, 'startedBy');
  }
  const { participant } = start;
  if (participant.lastRatingLevel > ratingLevelsOf(participant)) {
    return refuse(
      'invalid',
      'rotation.open.rating-level-outside-pattern',
      `last rating level ${participant.lastRatingLevel} is not a level of a ${ratingLevelsOf(participant)}-level rating pattern (1 to ${ratingLevelsOf(participant)})`,
      'participant.lastRatingLevel',
    );
  }
  const chosen = policyForStart('rotation.open', command.policyVersion, commandDateOf(command, start.participant.homeAgency));
  if (!chosen.ok) return chosen.refusal;
  const { policy } = chosen;
  return accept({ type: 'RotationCaseOpened', data: { start, policyVersion: policy.id, ecqFramework: policy.qrb.ecqFramework }, occurredAt: at });
};

/** Refuses unless the case is in one of the statuses the action needs. */
const inStatus = (state: RotationState, statuses: readonly RotationStatus[], rule: string, what: string): Result | null =>
  statuses.includes(state.status) ? null : refuse('conflict', rule, `${what} only when the case is ${statuses.join(' or ')}; this case is ${state.status}`);

const starterOf = (state: RotationState): Starter => ({ id: state.openedBy!, role: 'hr-specialist' });

/** An approval: by one of `roles` (or an acting official), never by the HR specialist who opened the case. */
const approvedBy = (state: RotationState, command: RotationCommand, roles: readonly Role[], rule: string, what: string): Result | null =>
  refuseStarter('rotation', command.actor, starterOf(state), command.type) ?? refuseUnlessInRole(command, roles, rule, what);

/** The host supervisor's own decisions: theirs or their acting official's, never the starter's. */
const byHostSupervisor = (state: RotationState, command: RotationCommand, rule: string, what: string): Result | null =>
  refuseStarter('rotation', command.actor, starterOf(state), command.type) ??
  refuseUnlessActingFor(command, state.match!.hostSupervisorId, 'supervisor', rule, `only the host supervisor ${state.match!.hostSupervisorId} ${what}`);

const isParticipant = (state: RotationState, actor: { id: string; role: Role }) => actor.role === 'employee' && actor.id === state.participant!.id;
/** The agency an official signs or acts for, from the role they decide in (their own or delegated). */
const sideOf = (command: RotationCommand): 'home' | 'host' => (roleActedIn(command, ['home-agency-official']) === null ? 'host' : 'home');

const submitInterest = (state: RotationState, command: CommandOf<'SubmitStatementOfInterest'>): Result => {
  const { actor, at } = command;
  const denied = inStatus(state, ['COHORT_CALLED'], 'rotation.interest.not-awaiting', 'a statement of interest is taken');
  if (denied) return denied;
  if (!isParticipant(state, actor)) {
    return refuse(
      'invalid',
      'rotation.interest.participant-only',
      `the participant ${state.participant!.id} submits their own statement of interest; not ${actor.id} (${actor.role})`,
    );
  }
  const ecqs = ecqsOf(state.ecqFramework!);
  for (const [i, ecq] of command.targetEcqs.entries()) {
    if (!ecqs.includes(ecq)) {
      return refuse(
        'invalid',
        'rotation.interest.unknown-ecq',
        `"${ecq}" is not an ECQ of this case's framework ${state.ecqFramework} (${ecqs.join(', ')})`,
        `targetEcqs.${i}`,
      );
    }
    if (command.targetEcqs.indexOf(ecq) !== i) return refuse('invalid', 'rotation.interest.distinct-ecqs', `ECQ "${ecq}" is listed twice`, `targetEcqs.${i}`);
  }
  return accept({
    type: 'RotationStatementOfInterestSubmitted',
    data: {
      participantId: actor.id,
      resume: command.resume,
      targetEcqs: command.targetEcqs,
      ...(command.statement === undefined ? {} : { statement: command.statement }),
    },
    occurredAt: at,
  });
};

const nominate = (state: RotationState, command: CommandOf<'NominateParticipant'>): Result => {
  const { actor, at, supervisorConcurrence } = command;
  const denied =
    inStatus(state, ['INTEREST_SUBMITTED'], 'rotation.nominate.not-awaiting', 'a nomination is made') ??
    approvedBy(state, command, ['home-agency-official'], 'rotation.nominate.home-agency-official-only', 'nominates a participant') ??
    refuseStarterAsApprover('rotation', starterOf(state), [['supervisorConcurrence.supervisorId', supervisorConcurrence.supervisorId]]);
  if (denied) return denied;
  const participant = state.participant!;
  if (supervisorConcurrence.supervisorId === participant.id) {
    return refuse(
      'invalid',
      'rotation.nominate.separation-of-duties',
      `the participant ${participant.id} cannot concur as their own supervisor`,
      'supervisorConcurrence.supervisorId',
    );
  }
  if (actor.id === participant.id)
    return refuse('invalid', 'rotation.nominate.separation-of-duties', `the participant ${participant.id} cannot nominate themself`);
  if (supervisorConcurrence.concurredOn > dayOf(state, command)) {
    return refuse(
      'invalid',
      'rotation.nominate.concurrence-in-future',
      `the supervisor's concurrence on ${supervisorConcurrence.concurredOn} is after today ${dayOf(state, command)}`,
      'supervisorConcurrence.concurredOn',
    );
  }
  const failures = eligibilityFailures(participant, policyOf(state));
  if (failures.length > 0) {
    // Every failed check, named in one refusal; the field is the one at fault, or the participant when several are.
    return refuse(
      'invalid',
      'rotation.nominate.ineligible',
      `${participant.id} is not eligible for the pilot under policy ${state.policyVersion}: ${failures.map((f) => `${f.check} (${f.field}): ${f.message}`).join('; ')}`,
      failures.length === 1 ? failures[0]!.field : 'participant',
    );
  }
  return accept({ type: 'RotationParticipantNominated', data: { nominatedBy: actor.id, supervisorConcurrence }, occurredAt: at });
};

const matchHost = (state: RotationState, command: CommandOf<'MatchHost'>): Result => {
  const { actor, at } = command;
  const denied =
    inStatus(state, ['NOMINATED'], 'rotation.match.not-awaiting', 'a host is matched') ??
    approvedBy(state, command, ['opm-rotation-team', 'host-agency-official'], 'rotation.match.opm-or-host-only', 'matches a host') ??
    refuseStarterAsApprover('rotation', starterOf(state), [['hostSupervisorId', command.hostSupervisorId]]);
  if (denied) return denied;
  const participant = state.participant!;
  if (command.hostAgency === participant.homeAgency) {
    return refuse('invalid', 'rotation.match.host-is-home-agency', `the host agency must differ from the home agency ${participant.homeAgency}`, 'hostAgency');
  }
  if (command.hostSupervisorId === participant.id) {
    return refuse(
      'invalid',
      'rotation.match.separation-of-duties',
      `the participant ${participant.id} cannot be their own host supervisor`,
      'hostSupervisorId',
    );
  }
  return accept({
    type: 'RotationHostMatched',
    data: { matchedBy: actor.id, hostAgency: command.hostAgency, hostSupervisorId: command.hostSupervisorId, assignmentTitle: command.assignmentTitle },
    occurredAt: at,
  });
};

const declineMatch = (state: RotationState, command: CommandOf<'DeclineMatch'>): Result => {
  const { actor, at } = command;
  const denied = inStatus(state, ['MATCHED'], 'rotation.decline.no-open-match', 'a match is declined');
  if (denied) return denied;
  if (!isParticipant(state, actor)) {
    return refuse(
      'invalid',
      'rotation.decline.participant-only',
      `only the participant ${state.participant!.id} declines a match; not ${actor.id} (${actor.role})`,
    );
  }
  const match = state.match!;
  return accept({
    type: 'RotationMatchDeclined',
    data: { participantId: actor.id, hostAgency: match.hostAgency, assignmentTitle: match.assignmentTitle, reason: command.reason },
    occurredAt: at,
  });
};

const sameTerms = (a: AgreementTerms, b: AgreementTerms): boolean =>
  a.reimbursable === b.reimbursable && a.appraisingAgency === b.appraisingAgency && a.dutyStation === b.dutyStation;

const signAgreement = (state: RotationState, command: CommandOf<'SignAgreement'>): Result => {
  const { actor, at, terms } = command;
  const denied =
    inStatus(state, ['MATCHED'], 'rotation.agreement.not-awaiting', 'the home/host agreement is signed') ??
    approvedBy(state, command, ['home-agency-official', 'host-agency-official'], 'rotation.agreement.agency-official-only', 'signs the agreement');
  if (denied) return denied;
  const side = sideOf(command);
  const other = state.signatures[side === 'home' ? 'host' : 'home'];
  if (state.signatures[side] !== null) {
    return refuse(
      'conflict',
      'rotation.agreement.already-signed',
      `the ${side} agency already signed, by ${state.signatures[side]!.officialId}; each side signs once`,
    );
  }
  if (other !== null && !sameTerms(other.terms, terms)) {
    return refuse(
      'invalid',
      'rotation.agreement.terms-differ',
      `both sides sign the same terms; the other side signed ${JSON.stringify(other.terms)}`,
      'terms',
    );
  }
  return accept({ type: 'RotationAgreementSigned', data: { side, signedBy: actor.id, terms, inForce: other !== null }, occurredAt: at });
};

const startRotation = (state: RotationState, command: CommandOf<'StartRotation'>): Result => {
  const { at, startDate } = command;
  const denied =
    inStatus(state, ['AGREEMENT_SIGNED'], 'rotation.start.agreement-not-in-force', 'the rotation starts') ??
    refuseUnlessInRole(command, ['home-agency-official', 'host-agency-official'], 'rotation.start.agency-official-only', 'starts the rotation');
  if (denied) return denied;
  if (startDate < dayOf(state, command))
    return refuse('invalid', 'rotation.start.date-in-past', `the start date ${startDate} is before today ${dayOf(state, command)}`, 'startDate');
  const policy = policyOf(state);
  const endDate = rotationEndDate(startDate, policy, 0);
  return accept({
    type: 'RotationStarted',
    data: { startDate, endDate, midpointDate: midpointOf(startDate, endDate), rotationMonths: policy.rotationMonths },
    occurredAt: at,
  });
};

const recordCheckIn = (state: RotationState, command: CommandOf<'RecordMidpointCheckIn'>): Result => {
  const { actor, at } = command;
  const denied = inStatus(state, ['ROTATION_ACTIVE'], 'rotation.midpoint.not-active', 'the mid-point check-in is recorded');
  if (denied) return denied;
  const notHost = byHostSupervisor(state, command, 'rotation.midpoint.host-supervisor-only', 'records the check-in');
  if (notHost) return notHost;
  if (state.midpointCheckIn !== null)
    return refuse('conflict', 'rotation.midpoint.already-recorded', `the mid-point check-in was recorded on ${state.midpointCheckIn.at}`);
  if (state.midpointDueAt === null && dayOf(state, command) < state.midpointDate!) {
    return refuse('conflict', 'rotation.midpoint.not-yet-due', `the mid-point check-in is due on ${state.midpointDate}, not before`);
  }
  return accept({ type: 'RotationMidpointCheckInRecorded', data: { hostSupervisorId: actor.id, summary: command.summary }, occurredAt: at });
};

const extend = (state: RotationState, command: CommandOf<'ExtendRotation'>): Result => {
  const { actor, at, months, homeOfficialConsent } = command;
  const denied =
    inStatus(state, ['ROTATION_ACTIVE'], 'rotation.extend.not-active', 'a rotation is extended') ??
    approvedBy(state, command, ['host-agency-official'], 'rotation.extend.host-agency-official-only', 'requests an extension') ??
    refuseStarterAsApprover('rotation', starterOf(state), [['homeOfficialConsent.officialId', homeOfficialConsent.officialId]]);
  if (denied) return denied;
  if (dayOf(state, command) >= state.endDate!)
    return refuse('conflict', 'rotation.extend.period-over', `the rotation ended on ${state.endDate}; it can no longer be extended`);
  if (homeOfficialConsent.officialId === actor.id) {
    return refuse(
      'invalid',
      'rotation.extend.home-consent',
      `the home agency's official consents, not the requesting host official ${actor.id}`,
      'homeOfficialConsent.officialId',
    );
  }
  if (homeOfficialConsent.consentedOn > dayOf(state, command)) {
    return refuse(
      'invalid',
      'rotation.extend.consent-in-future',
      `the home agency's consent on ${homeOfficialConsent.consentedOn} is after today ${dayOf(state, command)}`,
      'homeOfficialConsent.consentedOn',
    );
  }
  const policy = policyOf(state);
  const total = state.extensionMonths + months;
  if (total > policy.maxExtensionMonths) {
    return refuse(
      'invalid',
      'rotation.extend.max-extension',
      `extensions total at most ${policy.maxExtensionMonths} months under policy ${state.policyVersion}; ${state.extensionMonths} already granted, ${months} more would make ${total}`,
      'months',
    );
  }
  const endDate = rotationEndDate(state.startDate!, policy, total);
  const midpointPending = state.midpointDueAt === null && state.midpointCheckIn === null;
  return accept({
    type: 'RotationExtended',
    data: {
      requestedBy: actor.id,
      homeOfficialConsent,
      months,
      totalExtensionMonths: total,
      previousEndDate: state.endDate!,
      endDate,
      midpointDate: midpointPending ? midpointOf(state.startDate!, endDate) : state.midpointDate!,
      ...(command.reason === undefined ? {} : { reason: command.reason }),
    },
    occurredAt: at,
  });
};

const evaluate = (state: RotationState, command: CommandOf<'SubmitCompletionEvaluation'>): Result => {
  const { actor, at } = command;
  const denied = inStatus(state, ['PERIOD_ENDED'], 'rotation.evaluation.not-ended', 'the completion evaluation is submitted');
  if (denied) return denied;
  const notHost = byHostSupervisor(state, command, 'rotation.evaluation.host-supervisor-only', 'evaluates the rotation');
  if (notHost) return notHost;
  return accept({
    type: 'RotationCompletionEvaluated',
    data: { hostSupervisorId: actor.id, outcome: command.outcome, summary: command.summary },
    occurredAt: at,
  });
};

const confirmReturn = (state: RotationState, command: CommandOf<'ConfirmReturnHome'>): Result => {
  const { actor, at, returnedOn } = command;
  const denied =
    inStatus(state, ['EVALUATED'], 'rotation.return.not-evaluated', 'the return home is confirmed') ??
    refuseUnlessInRole(command, ['home-agency-official'], 'rotation.return.home-agency-official-only', 'confirms the return home');
  if (denied) return denied;
  if (returnedOn < state.endDate!)
    return refuse('invalid', 'rotation.return.before-end', `the return on ${returnedOn} is before the rotation's end ${state.endDate}`, 'returnedOn');
  if (returnedOn > dayOf(state, command))
    return refuse('invalid', 'rotation.return.date-in-future', `the return on ${returnedOn} is after today ${dayOf(state, command)}`, 'returnedOn');
  return accept({ type: 'RotationParticipantReturnedHome', data: { confirmedBy: actor.id, returnedOn }, occurredAt: at });
};

const terminateEarly = (state: RotationState, command: CommandOf<'TerminateEarly'>): Result => {
  const { actor, at } = command;
  const denied =
    inStatus(state, ['ROTATION_ACTIVE'], 'rotation.terminate.not-active', 'a rotation is terminated early') ??
    refuseUnlessInRole(command, ['home-agency-official', 'host-agency-official'], 'rotation.terminate.agency-official-only', 'terminates a rotation early');
  if (denied) return denied;
  return accept({ type: 'RotationTerminatedEarly', data: { side: sideOf(command), terminatedBy: actor.id, reason: command.reason }, occurredAt: at });
};

const withdraw = (state: RotationState, command: CommandOf<'Withdraw'>): Result => {
  const { actor, at } = command;
  const denied = inStatus(state, ROTATION_PRE_START_STATUSES, 'rotation.withdraw.rotation-started', 'the participant withdraws');
  if (denied) return denied;
  if (!isParticipant(state, actor)) {
    return refuse('invalid', 'rotation.withdraw.participant-only', `only the participant ${state.participant!.id} withdraws; not ${actor.id} (${actor.role})`);
  }
  return accept({ type: 'RotationWithdrawn', data: { participantId: actor.id, reason: command.reason, fromStatus: state.status }, occurredAt: at });
};

const systemOnly = (actor: { role: Role }): Result | null =>
  actor.role === 'system' ? null : refuse('invalid', 'rotation.timer.system-only', `timers are the workflow's own; a ${actor.role} cannot send them`);

const markMidpointDue = (state: RotationState, command: CommandOf<'MarkMidpointCheckInDue'>): Result => {
  const denied = systemOnly(command.actor) ?? inStatus(state, ['ROTATION_ACTIVE'], 'rotation.timer.not-active', 'the mid-point check-in falls due');
  if (denied) return denied;
  if (state.midpointDueAt !== null || state.midpointCheckIn !== null)
    return refuse('conflict', 'rotation.timer.midpoint-already-due', 'the mid-point check-in is already due or recorded');
  if (dayOf(state, command) < state.midpointDate!) return refuse('conflict', 'rotation.timer.not-yet-due', `the mid-point is ${state.midpointDate}`);
  return accept({ type: 'RotationMidpointCheckInDue', data: { midpointDate: state.midpointDate! }, occurredAt: command.at });
};

const endPeriod = (state: RotationState, command: CommandOf<'EndRotationPeriod'>): Result => {
  const denied = systemOnly(command.actor) ?? inStatus(state, ['ROTATION_ACTIVE'], 'rotation.timer.not-active', 'the rotation period ends');
  if (denied) return denied;
  if (dayOf(state, command) < state.endDate!) return refuse('conflict', 'rotation.timer.not-yet-due', `the rotation ends on ${state.endDate}`);
  return accept({ type: 'RotationPeriodEnded', data: { endDate: state.endDate! }, occurredAt: command.at });
};
