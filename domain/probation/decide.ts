import { refuseUnlessActingFor } from '../actingFor';
import { addDays, daysBetween } from '../calendar';
import { accept, refuse, type Decision } from '../domainError';
import { commandDateOf, startedBeforeAgencyDays } from '../agencyTimeZones';
import { policyById, policyForStart } from '../policyVersions';
import type { Role } from '../roles';
import { refuseAuditor, refuseStarter, refuseStarterAsApprover, type Starter } from '../separationOfDuties';
import type { ProbationCommand } from './commands';
import type { ProbationEvent } from './events';
import { moratoriumBlocks, moratoriumUntil } from '../leadershipMoratorium';
import { nonpayExtends, nonpayExtensionDays, placementRightFor, probationEndDate } from './rules';
import { isProbationTerminal, type ProbationState } from './state';

type CommandOf<T extends ProbationCommand['type']> = Extract<ProbationCommand, { type: T }>;
type Result = Decision<ProbationEvent>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideProbation = (state: ProbationState, command: ProbationCommand): Result => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  if (command.type === 'StartProbation') return start(state, command);
  if (state.status === 'NOT_STARTED') return refuse('conflict', 'probation.not-started', 'the probation case has not been started');
  if (isProbationTerminal(state)) {
    return refuse('conflict', 'probation.case-closed', `case ${state.caseId} is closed (${state.status}); it takes no more actions`);
  }
  switch (command.type) {
    case 'RecordNonpayPeriod':
      return recordNonpay(state, command);
    case 'RecordTransfer':
      return recordTransfer(state, command);
    case 'RecordLeadershipChange':
      return recordLeadershipChange(state, command);
    case 'SubmitAssessment':
      return submitAssessment(state, command);
    case 'CertifyProbation':
      return certify(state, command);
    case 'RescindCertification':
      return rescindCertification(state, command);
    case 'ProposeRemoval':
      return proposeRemoval(state, command);
    case 'DecideMoratoriumException':
      return decideException(state, command);
    case 'WithdrawRemoval':
      return withdrawRemoval(state, command);
    case 'SendCertificationReminder':
      return sendReminder(state, command);
    case 'ReachProbationEnd':
      return reachEnd(state, command);
    case 'EffectRemoval':
      return effectRemoval(state, command);
  }
};

const policyOf = (state: ProbationState) => policyById(state.policyVersion!).probation;

/** The agency day a command is decided on: the days of the agency that employs the probationer now. */
const dayOf = (state: ProbationState, command: ProbationCommand): string => commandDateOf(command, state.agency);

const starterOf = (state: ProbationState): Starter => ({ id: state.start!.startedBy, role: 'hr-specialist' });

/** The supervisor's and the appointing authority's decisions: theirs or their acting official's, never the starter's. */
const decidedBy = (state: ProbationState, command: ProbationCommand, personOfRecord: string, role: Role, rule: string, whose: string): Result | null =>
  refuseStarter('probation', command.actor, starterOf(state), command.type) ?? refuseUnlessActingFor(command, personOfRecord, role, rule, whose);

const byAppointingAuthority = (state: ProbationState, command: ProbationCommand, rule: string, what: string): Result | null =>
  decidedBy(
    state,
    command,
    state.appointingAuthorityId!,
    'appointing-authority',
    rule,
    `${what} by the case's appointing authority (${state.appointingAuthorityId})`,
  );

const start = (state: ProbationState, command: CommandOf<'StartProbation'>): Result => {
  const { start: body, actor, at } = command;
  if (state.status !== 'NOT_STARTED') {
    return refuse('conflict', 'probation.start.already-started', `case ${state.caseId} was already started on ${state.startedAt}`);
  }
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'probation.start.hr-specialist-only', `only an HR specialist starts a probation case, not a ${actor.role}`);
  }
  if (actor.id !== body.startedBy) {
    return refuse('invalid', 'probation.start.starter-is-actor', `startedBy must be the acting specialist ${actor.id}`, 'startedBy');
  }
  for (const field of ['supervisorId', 'appointingAuthorityId', 'startedBy'] as const) {
    if (body[field] === body.executiveId) {
      return refuse('invalid', 'probation.start.separation-of-duties', `the probationer ${body.executiveId} cannot also be the case's ${field}`, field);
    }
  }
  const approver = refuseStarterAsApprover('probation', { id: body.startedBy, role: 'hr-specialist' }, [
    ['supervisorId', body.supervisorId],
    ['appointingAuthorityId', body.appointingAuthorityId],
  ]);
  if (approver) return approver;
  const activities = body.developmentActivities ?? [];
  if (body.criterion === 'C' && activities.length === 0) {
    return refuse(
      'invalid',
      'probation.start.criterion-c-activities',
      'a Criterion C appointee needs the development activities promised to the QRB; the assessment must address them (317.503(b))',
      'developmentActivities',
    );
  }
  if (body.criterion !== 'C' && activities.length > 0) {
    return refuse(
      'invalid',
      'probation.start.activities-only-for-criterion-c',
      `development activities are recorded for Criterion C appointees only, not ${body.criterion}`,
      'developmentActivities',
    );
  }
  const today = commandDateOf(command, body.agency);
  const chosen = policyForStart('probation.start', command.policyVersion, today);
  if (!chosen.ok) return chosen.refusal;
  const { policy } = chosen;
  const endDate = probationEndDate(body.appointmentEffectiveDate, policy.probation, 0);
  if (today > endDate) {
    return refuse(
      'invalid',
      'probation.start.period-already-over',
      `a period starting ${body.appointmentEffectiveDate} ended ${endDate}, before this start on ${today}`,
      'appointmentEffectiveDate',
    );
  }
  return accept({
    type: 'ProbationStarted',
    data: { start: body, policyVersion: policy.id, lengthYears: policy.probation.lengthYears, endDate },
    occurredAt: at,
  });
};

const hrOnly = (rule: string, actor: { role: string }, what: string): Result | null =>
  actor.role === 'hr-specialist' ? null : refuse('invalid', rule, `only an HR specialist ${what}, not a ${actor.role}`);

/** The period is still running (the end date has not passed and no removal took effect). */
const RUNNING = ['ON_PROBATION', 'CERTIFIED', 'REMOVAL_PROPOSED'] as const;
const isRunning = (state: ProbationState) => (RUNNING as readonly string[]).includes(state.status);

const recordNonpay = (state: ProbationState, command: CommandOf<'RecordNonpayPeriod'>): Result => {
  const denied = hrOnly('probation.nonpay.hr-specialist-only', command.actor, 'records nonpay status');
  if (denied) return denied;
  if (!isRunning(state))
    return refuse('conflict', 'probation.nonpay.period-ended', `nonpay status is recorded while the period runs; this case is ${state.status}`);
  const { from, to, at } = command;
  if (from > to) return refuse('invalid', 'probation.nonpay.range', `the nonpay period ends ${to}, before it starts ${from}`, 'to');
  if (from < state.appointmentEffectiveDate!) {
    return refuse(
      'invalid',
      'probation.nonpay.before-appointment',
      `nonpay from ${from} is before the appointment's effective date ${state.appointmentEffectiveDate}`,
      'from',
    );
  }
  if (from > state.endDate!)
    return refuse('invalid', 'probation.nonpay.after-end', `nonpay from ${from} is after the period's end date ${state.endDate}`, 'from');
  const overlap = state.nonpayPeriods.find((p) => from <= p.to && to >= p.from);
  if (overlap)
    return refuse('conflict', 'probation.nonpay.overlap', `the period overlaps nonpay already recorded from ${overlap.from} to ${overlap.to}`, 'from');
  const policy = policyOf(state);
  const kind = command.kind ?? 'other';
  const days = daysBetween(from, to) + 1;
  const total = state.nonpayDays + days;
  const other = state.otherNonpayDays + (nonpayExtends(kind) ? days : 0);
  const recorded: ProbationEvent = {
    type: 'ProbationNonpayRecorded',
    data: { from, to, days, kind, totalNonpayDays: total, otherNonpayDays: other },
    occurredAt: at,
  };
  const endDate = probationEndDate(state.appointmentEffectiveDate!, policy, other);
  if (endDate === state.endDate) return accept(recorded);
  return accept<ProbationEvent>(recorded, {
    type: 'ProbationEndDateExtended',
    data: {
      previousEndDate: state.endDate!,
      endDate,
      extensionDays: daysBetween(state.endDate!, endDate),
      nonpayDaysBeyondCounted: nonpayExtensionDays(policy, other),
    },
    occurredAt: at,
  });
};

const recordTransfer = (state: ProbationState, command: CommandOf<'RecordTransfer'>): Result => {
  const denied = hrOnly('probation.transfer.hr-specialist-only', command.actor, 'records a transfer');
  if (denied) return denied;
  if (state.status === 'REMOVAL_PROPOSED')
    return refuse(
      'conflict',
      'probation.transfer.removal-pending',
      `a removal effective ${state.removal?.effectiveDate} is pending; withdraw it before recording a transfer`,
    );
  if (!isRunning(state))
    return refuse('conflict', 'probation.transfer.period-ended', `a transfer is recorded while the period runs; this case is ${state.status}`);
  const { toAgency, effectiveDate, supervisorId, appointingAuthorityId, at } = command;
  if (toAgency === state.agency) return refuse('invalid', 'probation.transfer.same-agency', `the probationer already serves in ${toAgency}`, 'toAgency');
  if (effectiveDate < state.appointmentEffectiveDate! || effectiveDate > state.endDate!) {
    return refuse(
      'invalid',
      'probation.transfer.outside-period',
      `a transfer during probation takes effect between ${state.appointmentEffectiveDate} and ${state.endDate}, not ${effectiveDate}`,
      'effectiveDate',
    );
  }
  for (const [field, id] of [
    ['supervisorId', supervisorId],
    ['appointingAuthorityId', appointingAuthorityId],
  ] as const) {
    if (id === state.executiveId)
      return refuse('invalid', 'probation.transfer.separation-of-duties', `the probationer cannot also be the case's ${field}`, field);
  }
  const approver = refuseStarterAsApprover('probation', starterOf(state), [
    ['supervisorId', supervisorId],
    ['appointingAuthorityId', appointingAuthorityId],
  ]);
  if (approver) return approver;
  return accept({
    type: 'ProbationerTransferred',
    data: { fromAgency: state.agency!, toAgency, effectiveDate, supervisorId, appointingAuthorityId },
    occurredAt: at,
  });
};

/** The latest moratorium in the current agency that blocks a removal noticed on `noticeDate` and taking effect on `effectiveDate`. */
const moratoriumBlocking = (state: ProbationState, removal: { noticeDate: string; effectiveDate: string }) =>
  state.moratoria
    .filter((m) => m.agency === state.agency && moratoriumBlocks({ trigger: m.effectiveDate, until: m.until }, removal))
    .sort((a, b) => (a.until < b.until ? 1 : -1))[0];

const recordLeadershipChange = (state: ProbationState, command: CommandOf<'RecordLeadershipChange'>): Result => {
  const denied = hrOnly('probation.moratorium.hr-specialist-only', command.actor, 'records a leadership change');
  if (denied) return denied;
  const { trigger, effectiveDate, removalAuthority, at } = command;
  if (trigger === 'new-noncareer-supervisor' && removalAuthority !== true) {
    return refuse(
      'invalid',
      'probation.moratorium.supervisor-without-removal-authority',
      'a new noncareer supervisor starts the removal moratorium only with authority to remove the probationer (5 CFR 359.406); set removalAuthority: true if they have it',
      'removalAuthority',
    );
  }
  if (effectiveDate > dayOf(state, command)) {
    return refuse(
      'invalid',
      'probation.moratorium.future-change',
      `a leadership change is recorded once it has taken effect; ${effectiveDate} is after today ${dayOf(state, command)}`,
      'effectiveDate',
    );
  }
  const until = moratoriumUntil(effectiveDate, policyOf(state).removalMoratoriumDays);
  const recorded: ProbationEvent = {
    type: 'ProbationLeadershipChangeRecorded',
    data: { trigger, agency: state.agency!, effectiveDate, moratoriumUntil: until },
    occurredAt: at,
  };
  const pending = state.removal;
  // A removal noticed before the change goes ahead (359.406); one noticed since, taking effect within the
  // moratorium, cannot take effect as noticed unless its notice invokes an exception. A case from before this
  // release keeps the rule it ran under: the change withdrew any pending removal taking effect within it.
  const withdrawn = startedBeforeAgencyDays(command)
    ? pending !== null && effectiveDate <= pending.effectiveDate && pending.effectiveDate <= until
    : pending !== null && !pending.moratoriumException && moratoriumBlocks({ trigger: effectiveDate, until }, pending);
  if (state.status === 'REMOVAL_PROPOSED' && pending && withdrawn) {
    return accept<ProbationEvent>(recorded, {
      type: 'ProbationRemovalWithdrawn',
      data: {
        withdrawnBy: command.actor.id,
        reason: `blocked by the removal moratorium after the ${trigger} on ${effectiveDate}`,
        blockedByMoratoriumUntil: until,
      },
      occurredAt: at,
    });
  }
  return accept(recorded);
};

const submitAssessment = (state: ProbationState, command: CommandOf<'SubmitAssessment'>): Result => {
  const { actor, at, conclusion, summary } = command;
  const denied = decidedBy(
    state,
    command,
    state.supervisorId!,
    'supervisor',
    'probation.assessment.case-supervisor-only',
    `the assessment is the case's supervisor's (${state.supervisorId})`,
  );
  if (denied) return denied;
  if (state.status === 'CERTIFIED')
    return refuse(
      'conflict',
      'probation.assessment.already-certified',
      `the probation was certified on ${state.certification?.at}; no further assessment is taken`,
    );
  if (state.status === 'REMOVAL_PROPOSED')
    return refuse('conflict', 'probation.assessment.removal-pending', `a removal effective ${state.removal?.effectiveDate} is pending`);
  const addressed = command.developmentActivitiesAddressed ?? [];
  if (state.criterion === 'C') {
    const promised = state.start?.developmentActivities ?? [];
    const missing = promised.findIndex((activity) => !addressed.includes(activity));
    if (missing >= 0) {
      return refuse(
        'invalid',
        'probation.assessment.criterion-c-activities',
        `a Criterion C assessment must address every promised development activity (317.503(b)); "${promised[missing]}" is not addressed`,
        'developmentActivitiesAddressed',
      );
    }
  }
  return accept({
    type: 'ProbationAssessmentSubmitted',
    data: { supervisorId: actor.id, conclusion, summary, developmentActivitiesAddressed: addressed },
    occurredAt: at,
  });
};

const certify = (state: ProbationState, command: CommandOf<'CertifyProbation'>): Result => {
  const { actor, at, statement } = command;
  const denied = byAppointingAuthority(state, command, 'probation.certify.case-appointing-authority-only', 'the probation is certified');
  if (denied) return denied;
  if (state.status === 'CERTIFIED')
    return refuse('conflict', 'probation.certify.already-certified', `the probation was already certified on ${state.certification?.at}`);
  if (state.status === 'REMOVAL_PROPOSED')
    return refuse(
      'conflict',
      'probation.certify.removal-pending',
      `a removal effective ${state.removal?.effectiveDate} is pending; withdraw it before certifying`,
    );
  const assessment = state.assessments.at(-1);
  if (!assessment)
    return refuse('conflict', 'probation.certify.assessment-required', "the supervisor's assessment must come before the certification (317.503(a))");
  if (assessment.conclusion !== 'meets-level-of-excellence') {
    return refuse(
      'conflict',
      'probation.certify.assessment-not-favourable',
      `the latest assessment (${assessment.at}) finds performance below the level of excellence; it cannot be certified`,
    );
  }
  const late = state.status === 'CERTIFICATION_OVERDUE';
  const certified: ProbationEvent = { type: 'ProbationCertified', data: { appointingAuthorityId: actor.id, statement, late }, occurredAt: at };
  if (!late) return accept(certified);
  return accept<ProbationEvent>(certified, { type: 'ProbationCompleted', data: { endDate: state.endDate!, late: true }, occurredAt: at });
};

const rescindCertification = (state: ProbationState, command: CommandOf<'RescindCertification'>): Result => {
  const { actor, at, reason } = command;
  const denied = byAppointingAuthority(state, command, 'probation.rescind.case-appointing-authority-only', 'a certification is rescinded');
  if (denied) return denied;
  const certification = state.certification;
  if (!certification || state.status === 'CERTIFICATION_OVERDUE')
    return refuse('conflict', 'probation.rescind.not-certified', `only a certification given before the end date is rescinded; this case is ${state.status}`);
  const today = dayOf(state, command);
  if (today > state.endDate!)
    return refuse('conflict', 'probation.rescind.period-over', `the period ended ${state.endDate}; its certification stands (today is ${today})`);
  return accept({ type: 'ProbationCertificationRescinded', data: { rescindedBy: actor.id, reason, certifiedAt: certification.at }, occurredAt: at });
};

/** The exceptions' own rule (359.406(d)): at least this many days for the probationer to contest the exception. */
const EXCEPTION_CONTEST_DAYS = 7;

const proposeRemoval = (state: ProbationState, command: CommandOf<'ProposeRemoval'>): Result => {
  const { actor, at, ground, noticeDate, effectiveDate, reasons } = command;
  const denied = byAppointingAuthority(state, command, 'probation.removal.case-appointing-authority-only', 'a removal is proposed');
  if (denied) return denied;
  if (state.status === 'REMOVAL_PROPOSED')
    return refuse('conflict', 'probation.removal.already-proposed', `a removal effective ${state.removal?.effectiveDate} is already pending`);
  // An early certification does not end the period: a removal may be proposed until the end date.
  if (state.status !== 'ON_PROBATION' && state.status !== 'CERTIFIED')
    return refuse(
      'conflict',
      'probation.removal.not-on-probation',
      `a removal during probation is proposed while the period runs (on probation or certified early); this case is ${state.status}`,
    );
  const today = dayOf(state, command);
  if (noticeDate > today)
    return refuse(
      'invalid',
      'probation.removal.notice-not-given',
      `the written notice is recorded once given; ${noticeDate} is after today ${today}`,
      'noticeDate',
    );
  if (noticeDate < state.appointmentEffectiveDate!)
    return refuse(
      'invalid',
      'probation.removal.notice-before-appointment',
      `notice on ${noticeDate} predates the appointment on ${state.appointmentEffectiveDate}`,
      'noticeDate',
    );
  if (effectiveDate <= noticeDate) {
    return refuse(
      'invalid',
      'probation.removal.notice-before-effective-date',
      `written notice must be given before the effective date; ${effectiveDate} is not after the notice on ${noticeDate}`,
      'effectiveDate',
    );
  }
  if (effectiveDate <= today)
    return refuse('invalid', 'probation.removal.effective-date-passed', `the effective date ${effectiveDate} must be after today ${today}`, 'effectiveDate');
  if (effectiveDate > state.endDate!) {
    return refuse(
      'invalid',
      'probation.removal.after-probation',
      `a removal during probation takes effect by the end date ${state.endDate}, not ${effectiveDate}`,
      'effectiveDate',
    );
  }
  const { replyBy } = command;
  if (ground === 'pre-appointment-conditions' && replyBy === undefined) {
    return refuse(
      'invalid',
      'probation.removal.reply-period-required',
      'a removal for conditions arising before the appointment gives the probationer time to reply (5 CFR 359.404): set replyBy',
      'replyBy',
    );
  }
  if (replyBy !== undefined && ground !== 'pre-appointment-conditions') {
    return refuse(
      'invalid',
      'probation.removal.reply-period-only-for-pre-appointment',
      `a reply period is part of a removal for pre-appointment conditions, not for ${ground}`,
      'replyBy',
    );
  }
  if (replyBy !== undefined && (replyBy <= noticeDate || replyBy >= effectiveDate)) {
    return refuse(
      'invalid',
      'probation.removal.reply-period',
      `the reply period ends after the notice (${noticeDate}) and before the effective date (${effectiveDate}), not ${replyBy}`,
      'replyBy',
    );
  }
  const { moratoriumException: exception } = command;
  const blocking = moratoriumBlocking(state, { noticeDate, effectiveDate });
  if (blocking && !exception) {
    return refuse(
      'conflict',
      'probation.removal.moratorium',
      `no removal may take effect within ${policyOf(state).removalMoratoriumDays} days after the ${blocking.trigger} on ${blocking.effectiveDate} (5 U.S.C. 3592(b), 5 CFR 359.406): blocked until ${blocking.until}; the earliest effective date is ${addDays(blocking.until, 1)}, unless the notice invokes an exception of 359.406(c) (moratoriumException)`,
      'effectiveDate',
    );
  }
  if (exception && !blocking) {
    return refuse(
      'invalid',
      'probation.removal.exception-without-moratorium',
      `no leadership moratorium covers a removal noticed ${noticeDate} and effective ${effectiveDate}; the notice invokes no exception`,
      'moratoriumException',
    );
  }
  if (exception && exception.contestBy < addDays(noticeDate, EXCEPTION_CONTEST_DAYS)) {
    return refuse(
      'invalid',
      'probation.removal.exception-contest-window',
      `the probationer has at least ${EXCEPTION_CONTEST_DAYS} days after the notice (${noticeDate}) to contest the exception (5 CFR 359.406(d)): contestBy ${addDays(noticeDate, EXCEPTION_CONTEST_DAYS)} or later, not ${exception.contestBy}`,
      'moratoriumException.contestBy',
    );
  }
  if (exception && effectiveDate <= addDays(exception.contestBy, 1)) {
    return refuse(
      'invalid',
      'probation.removal.exception-decision-before-effective-date',
      `the exception is decided after the contest window (through ${exception.contestBy}) and before the removal takes effect at the start of its effective date (5 CFR 359.406(d)): the earliest effective date is ${addDays(exception.contestBy, 2)}, not ${effectiveDate}`,
      'effectiveDate',
    );
  }
  return accept({
    type: 'ProbationRemovalProposed',
    data: {
      proposedBy: actor.id,
      ground,
      noticeDate,
      effectiveDate,
      reasons,
      ...(replyBy === undefined ? {} : { replyBy }),
      placementRight: placementRightFor(ground, state.priorTenure!),
      ...(exception === undefined ? {} : { moratoriumException: exception }),
    },
    occurredAt: at,
  });
};

const decideException = (state: ProbationState, command: CommandOf<'DecideMoratoriumException'>): Result => {
  const { actor, at, upheld, reasons } = command;
  const denied = byAppointingAuthority(state, command, 'probation.exception.case-appointing-authority-only', 'a moratorium exception is decided');
  if (denied) return denied;
  const removal = state.removal;
  if (state.status !== 'REMOVAL_PROPOSED' || !removal?.moratoriumException)
    return refuse('conflict', 'probation.exception.none-pending', 'no pending removal invokes a moratorium exception');
  if (removal.exceptionDecision)
    return refuse('conflict', 'probation.exception.already-decided', `the exception was decided on ${removal.exceptionDecision.at}`);
  const today = dayOf(state, command);
  const { contestBy } = removal.moratoriumException;
  if (today <= contestBy)
    return refuse(
      'conflict',
      'probation.exception.contest-window-open',
      `the probationer may contest the exception through ${contestBy}; decide after it, not on ${today}`,
    );
  if (today >= removal.effectiveDate)
    return refuse(
      'conflict',
      'probation.exception.too-late',
      `the exception is decided before the removal takes effect on ${removal.effectiveDate}, not on ${today}`,
    );
  const decided: ProbationEvent = { type: 'ProbationMoratoriumExceptionDecided', data: { decidedBy: actor.id, upheld, reasons }, occurredAt: at };
  if (upheld) return accept(decided);
  return accept<ProbationEvent>(decided, {
    type: 'ProbationRemovalWithdrawn',
    data: { withdrawnBy: actor.id, reason: `the moratorium exception was not upheld: ${reasons}`, ...blockedUntil(state, removal) },
    occurredAt: at,
  });
};

/** The last day of the moratorium that blocks the removal, for the withdrawal's record. */
const blockedUntil = (state: ProbationState, removal: { noticeDate: string; effectiveDate: string }) => {
  const blocking = moratoriumBlocking(state, removal);
  return blocking ? { blockedByMoratoriumUntil: blocking.until } : {};
};

const withdrawRemoval = (state: ProbationState, command: CommandOf<'WithdrawRemoval'>): Result => {
  const { actor, at, reason } = command;
  const denied = byAppointingAuthority(state, command, 'probation.removal.case-appointing-authority-only', 'a removal is withdrawn');
  if (denied) return denied;
  if (state.status !== 'REMOVAL_PROPOSED') return refuse('conflict', 'probation.removal.none-pending', `no removal is pending; this case is ${state.status}`);
  return accept({ type: 'ProbationRemovalWithdrawn', data: { withdrawnBy: actor.id, reason }, occurredAt: at });
};

const systemOnly = (actor: { role: string }, rule: string): Result | null =>
  actor.role === 'system' ? null : refuse('invalid', rule, `only the workflow's timer sends this, not a ${actor.role}`);

const sendReminder = (state: ProbationState, command: CommandOf<'SendCertificationReminder'>): Result => {
  const denied = systemOnly(command.actor, 'probation.reminder.system-only');
  if (denied) return denied;
  const { daysBeforeEnd, at } = command;
  if (state.status !== 'ON_PROBATION')
    return refuse('conflict', 'probation.reminder.not-due', `no certification reminder is sent while the case is ${state.status}`);
  if (!policyOf(state).reminderDaysBeforeEnd.includes(daysBeforeEnd)) {
    return refuse(
      'invalid',
      'probation.reminder.not-in-policy',
      `policy ${state.policyVersion} sends no reminder ${daysBeforeEnd} days before the end`,
      'daysBeforeEnd',
    );
  }
  if (state.remindersSent.some((r) => r.daysBeforeEnd === daysBeforeEnd)) {
    return refuse('conflict', 'probation.reminder.already-sent', `the ${daysBeforeEnd}-day reminder was already sent`, 'daysBeforeEnd');
  }
  const dueOn = addDays(state.endDate!, -daysBeforeEnd);
  const today = dayOf(state, command);
  if (today < dueOn)
    return refuse('conflict', 'probation.reminder.not-due', `the ${daysBeforeEnd}-day reminder is due on ${dueOn}, not ${today}`, 'daysBeforeEnd');
  const assessmentSubmitted = state.assessments.length > 0;
  const recipientIds = assessmentSubmitted ? [state.appointingAuthorityId!] : [state.supervisorId!, state.appointingAuthorityId!];
  return accept({
    type: 'ProbationCertificationReminderSent',
    data: { daysBeforeEnd, endDate: state.endDate!, assessmentSubmitted, recipientIds },
    occurredAt: at,
  });
};

const reachEnd = (state: ProbationState, command: CommandOf<'ReachProbationEnd'>): Result => {
  const denied = systemOnly(command.actor, 'probation.end.system-only');
  if (denied) return denied;
  const { at } = command;
  if (state.status !== 'ON_PROBATION' && state.status !== 'CERTIFIED')
    return refuse('conflict', 'probation.end.not-running', `the end of the period is not awaited while the case is ${state.status}`);
  const today = dayOf(state, command);
  if (today <= state.endDate!)
    return refuse('conflict', 'probation.end.not-yet', `the period runs through ${state.endDate}; it is ${today} in ${state.agency}`);
  if (state.status === 'CERTIFIED') return accept({ type: 'ProbationCompleted', data: { endDate: state.endDate!, late: false }, occurredAt: at });
  return accept({
    type: 'ProbationCertificationOverdue',
    data: { endDate: state.endDate!, assessmentSubmitted: state.assessments.length > 0 },
    occurredAt: at,
  });
};

const effectRemoval = (state: ProbationState, command: CommandOf<'EffectRemoval'>): Result => {
  const denied = systemOnly(command.actor, 'probation.removal.system-only');
  if (denied) return denied;
  const removal = state.removal;
  if (state.status !== 'REMOVAL_PROPOSED' || !removal)
    return refuse('conflict', 'probation.removal.none-pending', `no removal is pending; this case is ${state.status}`);
  const today = dayOf(state, command);
  if (today < removal.effectiveDate)
    return refuse('conflict', 'probation.removal.not-yet-effective', `the removal takes effect on ${removal.effectiveDate}, not ${today}`);
  if (removal.moratoriumException && !removal.exceptionDecision?.upheld && moratoriumBlocking(state, removal)) {
    // Within the moratorium only on an exception upheld before the effective date (359.406(d)).
    return accept({
      type: 'ProbationRemovalWithdrawn',
      data: {
        withdrawnBy: command.actor.id,
        reason: `no decision upheld the moratorium exception before the effective date ${removal.effectiveDate}`,
        ...blockedUntil(state, removal),
      },
      occurredAt: command.at,
    });
  }
  return accept({
    type: 'ProbationerRemoved',
    data: { ground: removal.ground, effectiveDate: removal.effectiveDate, placementRight: removal.placementRight },
    occurredAt: command.at,
  });
};
