import { refuseUnlessActingFor, refuseUnlessInRole } from '../actingFor';
import { agencyDateOf } from '../agencyTimeZones';
import { accept, refuse, type Decision } from '../domainError';
import { policyById, policyForStart } from '../policyVersions';
import type { Role } from '../roles';
import { refuseAuditor, refuseStarter, refuseStarterAsApprover, type Starter } from '../separationOfDuties';
import type { ReassignmentCommand } from './commands';
import type { ReassignmentEvent } from './events';
import { blockOf, blocksHolding, blocksInWords, exceptionsApplied, moratoriumOn, noticeDaysOf, requiredNoticeDays } from './rules';
import { isReassignmentTerminal, type ReassignmentState, type ReassignmentStatus } from './state';

type CommandOf<T extends ReassignmentCommand['type']> = Extract<ReassignmentCommand, { type: T }>;
type Result = Decision<ReassignmentEvent>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. */
export const decideReassignment = (state: ReassignmentState, command: ReassignmentCommand): Result => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  if (command.type === 'ProposeReassignment') return propose(state, command);
  if (state.status === 'NOT_STARTED') return refuse('conflict', 'reassignment.not-started', 'the reassignment case has not been started');
  if (isReassignmentTerminal(state)) {
    return refuse('conflict', 'reassignment.case-closed', `case ${state.caseId} is closed (${state.status}); it takes no more actions`);
  }
  switch (command.type) {
    case 'RecordConsultation':
      return recordConsultation(state, command);
    case 'RecordDefectiveConsultation':
      return recordDefectiveConsultation(state, command);
    case 'IssueNotice':
      return issueNotice(state, command);
    case 'ConsentToShorterNotice':
      return consentToShorterNotice(state, command);
    case 'RecordLeadershipChange':
      return recordLeadershipChange(state, command);
    case 'RecordDetail':
      return recordDetail(state, command);
    case 'RescheduleReassignment':
      return reschedule(state, command);
    case 'DeclineReassignment':
      return decline(state, command);
    case 'WithdrawReassignment':
      return withdraw(state, command);
    case 'EffectReassignment':
      return effect(state, command);
  }
};

const policyOf = (state: ReassignmentState) => policyById(state.policyVersion!).reassignment;
/** The agency's date of the command: notices, consents and effective dates are agency days. */
const todayOf = (state: ReassignmentState, at: string): string => agencyDateOf(at, state.agency);
const starterOf = (state: ReassignmentState): Starter => ({ id: state.start!.startedBy, role: 'hr-specialist' });

const propose = (state: ReassignmentState, command: CommandOf<'ProposeReassignment'>): Result => {
  const { start, actor, at } = command;
  if (state.status !== 'NOT_STARTED')
    return refuse('conflict', 'reassignment.start.already-started', `case ${state.caseId} was already started on ${state.startedAt}`);
  if (actor.role !== 'hr-specialist') {
    return refuse('invalid', 'reassignment.start.hr-specialist-only', `only an HR specialist starts a reassignment case, not a ${actor.role}`);
  }
  if (actor.id !== start.startedBy)
    return refuse('invalid', 'reassignment.start.starter-is-actor', `startedBy must be the acting specialist ${actor.id}`, 'startedBy');
  const starter: Starter = { id: start.startedBy, role: 'hr-specialist' };
  const named = refuseStarterAsApprover('reassignment', starter, [
    ['executiveId', start.executiveId],
    ['appointingAuthorityId', start.appointingAuthorityId],
  ]);
  if (named) return named;
  if (start.executiveId === start.appointingAuthorityId) {
    return refuse(
      'invalid',
      'reassignment.start.separation-of-duties',
      `the executive ${start.executiveId} cannot direct their own reassignment`,
      'appointingAuthorityId',
    );
  }
  const today = agencyDateOf(at, start.agency);
  if (start.followsUnsatisfactoryRating && start.followsUnsatisfactoryRating.finalRatingIssuedOn > today) {
    return refuse(
      'invalid',
      'reassignment.start.rating-not-yet-issued',
      `the unsatisfactory final rating a reassignment follows must already be issued; ${start.followsUnsatisfactoryRating.finalRatingIssuedOn} is after today (${today})`,
      'followsUnsatisfactoryRating.finalRatingIssuedOn',
    );
  }
  if (start.disciplinaryActionBegunOn !== undefined && start.disciplinaryActionBegunOn > today) {
    return refuse(
      'invalid',
      'reassignment.start.discipline-not-yet-begun',
      `a disciplinary action excepts the moratorium only once begun; ${start.disciplinaryActionBegunOn} is after today (${today})`,
      'disciplinaryActionBegunOn',
    );
  }
  const chosen = policyForStart('reassignment.start', command.policyVersion, today);
  if (!chosen.ok) return chosen.refusal;
  const { policy } = chosen;
  return accept({
    type: 'ReassignmentProposed',
    data: { start, policyVersion: policy.id, requiredNoticeDays: requiredNoticeDays(policy.reassignment, start.withinCommutingArea, false) },
    occurredAt: at,
  });
};

/** Refuses unless the case is in one of the statuses the action needs. */
const inStatus = (state: ReassignmentState, statuses: readonly ReassignmentStatus[], rule: string, what: string): Result | null =>
  statuses.includes(state.status) ? null : refuse('conflict', rule, `${what} only when the case is ${statuses.join(' or ')}; this case is ${state.status}`);

/** The appointing authority's own decisions: theirs or their acting official's, never the starter's. */
const byAppointingAuthority = (state: ReassignmentState, command: ReassignmentCommand, rule: string, what: string): Result | null =>
  refuseStarter('reassignment', command.actor, starterOf(state), command.type) ??
  refuseUnlessActingFor(
    command,
    state.appointingAuthorityId!,
    'appointing-authority',
    rule,
    `only the appointing authority ${state.appointingAuthorityId} ${what}`,
  );

const isExecutive = (state: ReassignmentState, actor: { id: string; role: Role }) => actor.role === 'executive' && actor.id === state.executiveId;

const notInFuture = (today: string, date: string, rule: string, field: string, what: string): Result | null =>
  date > today ? refuse('invalid', rule, `${what} ${date} is after today (${today} in the agency's days)`, field) : null;

const OPEN: readonly ReassignmentStatus[] = ['PROPOSED', 'CONSULTED', 'NOTICE_ISSUED', 'BLOCKED_MORATORIUM'];

const recordConsultation = (state: ReassignmentState, command: CommandOf<'RecordConsultation'>): Result => {
  const { at } = command;
  if (state.withinCommutingArea) {
    return refuse(
      'conflict',
      'reassignment.consultation.within-commuting-area',
      'a reassignment within the commuting area needs no consultation (3395(a)(2)(A)): give the 15-day written notice',
    );
  }
  const denied =
    inStatus(state, ['PROPOSED'], 'reassignment.consultation.not-awaiting', 'a consultation is recorded') ??
    byAppointingAuthority(state, command, 'reassignment.consultation.appointing-authority-only', 'consults the executive');
  if (denied) return denied;
  const future = notInFuture(todayOf(state, at), command.consultedOn, 'reassignment.consultation.in-future', 'consultedOn', 'the consultation date');
  if (future) return future;
  return accept({
    type: 'ReassignmentConsultationRecorded',
    data: {
      consultedBy: state.appointingAuthorityId!,
      consultedOn: command.consultedOn,
      reasons: command.reasons,
      executivePreferences: command.executivePreferences,
    },
    occurredAt: at,
  });
};

const recordDefectiveConsultation = (state: ReassignmentState, command: CommandOf<'RecordDefectiveConsultation'>): Result => {
  const denied =
    (state.consultation === null
      ? refuse('conflict', 'reassignment.consultation.none-recorded', `case ${state.caseId} has no consultation on record to find defective`)
      : null) ??
    refuseUnlessInRole(command, ['appointing-authority', 'hr-specialist'], 'reassignment.consultation.defect-by', 'records a defective consultation');
  if (denied) return denied;
  return accept({
    type: 'ReassignmentConsultationFoundDefective',
    data: { foundBy: command.actor.id, reason: command.reason, ...(state.notice ? { voidedNoticeDate: state.notice.noticeDate } : {}) },
    occurredAt: command.at,
  });
};

const issueNotice = (state: ReassignmentState, command: CommandOf<'IssueNotice'>): Result => {
  const { at, noticeDate, effectiveDate } = command;
  const awaiting: ReassignmentStatus = state.withinCommutingArea ? 'PROPOSED' : 'CONSULTED';
  if (!state.withinCommutingArea && state.status === 'PROPOSED') {
    return refuse(
      'conflict',
      'reassignment.notice.consultation-first',
      'outside the commuting area the executive is consulted on the reasons and their preferences before the written notice (3395(a)(2)(B)(i)): record the consultation first',
    );
  }
  const denied =
    inStatus(state, [awaiting], 'reassignment.notice.not-awaiting', 'a notice is issued') ??
    byAppointingAuthority(state, command, 'reassignment.notice.appointing-authority-only', 'gives the written notice');
  if (denied) return denied;
  const today = todayOf(state, at);
  const future = notInFuture(today, noticeDate, 'reassignment.notice.date-in-future', 'noticeDate', 'the notice date');
  if (future) return future;
  if (state.consultation && noticeDate < state.consultation.consultedOn) {
    return refuse(
      'invalid',
      'reassignment.notice.before-consultation',
      `the notice follows the consultation of ${state.consultation.consultedOn}; ${noticeDate} is before it`,
      'noticeDate',
    );
  }
  if (effectiveDate <= today) {
    return refuse(
      'invalid',
      'reassignment.notice.effective-date-not-ahead',
      `the effective date ${effectiveDate} must be after today (${today})`,
      'effectiveDate',
    );
  }
  if (!state.withinCommutingArea && command.reasons === undefined) {
    return refuse(
      'invalid',
      'reassignment.notice.reasons-required',
      'outside the commuting area the written notice states the reasons (3395(a)(2)(B)(ii))',
      'reasons',
    );
  }
  const policy = policyOf(state);
  const required = requiredNoticeDays(policy, state.withinCommutingArea!, state.waiver !== null);
  const noticeDays = noticeDaysOf(noticeDate, effectiveDate);
  if (noticeDays < required) {
    const why = state.withinCommutingArea
      ? `within the commuting area the written notice comes at least ${required} days before the effective date (3395(a)(2)(A)); this notice is not waivable`
      : `outside the commuting area the written notice comes at least ${required} days before the effective date (3395(a)(2)(B)(ii)) unless the executive consents in writing to a shorter one`;
    return refuse('invalid', 'reassignment.notice.too-short', `${why}; ${noticeDate} to ${effectiveDate} is ${noticeDays} days`, 'effectiveDate');
  }
  const blocked = refuseIfBlocked(state, effectiveDate, 'reassignment.moratorium.blocked');
  if (blocked) return blocked;
  return accept({
    type: 'ReassignmentNoticeIssued',
    data: {
      issuedBy: state.appointingAuthorityId!,
      noticeDate,
      effectiveDate,
      ...(command.reasons === undefined ? {} : { reasons: command.reasons }),
      noticeDays,
      requiredNoticeDays: required,
      waivedByConsent: state.waiver !== null && !state.withinCommutingArea,
      exceptions: exceptionsApplied(state),
    },
    occurredAt: at,
  });
};

/** The moratorium refusal: which clocks, the last blocked day and the earliest effective date. */
const refuseIfBlocked = (state: ReassignmentState, effectiveDate: string, rule: string): Result | null => {
  const policy = policyOf(state);
  const on = moratoriumOn(blocksHolding(state, policy), effectiveDate);
  if (on === null) return null;
  return refuse(
    'conflict',
    rule,
    `no involuntary reassignment within ${policy.moratoriumDays} days after ${blocksInWords(on.blocking)} (5 U.S.C. 3395(e)): ` +
      `${effectiveDate} falls in the block, whose last day is ${on.blockedUntil}; the earliest effective date is ${on.earliestEffectiveDate}`,
    'effectiveDate',
  );
};

const consentToShorterNotice = (state: ReassignmentState, command: CommandOf<'ConsentToShorterNotice'>): Result => {
  const { actor, at } = command;
  if (state.withinCommutingArea) {
    return refuse(
      'conflict',
      'reassignment.waiver.commuting-area-not-waivable',
      `the ${policyOf(state).commutingAreaNoticeDays}-day notice within the commuting area is not waivable (3395(a)(2)(A) provides no waiver); only the 60-day notice outside it is`,
    );
  }
  const denied = inStatus(state, ['PROPOSED', 'CONSULTED'], 'reassignment.waiver.not-before-notice', 'a shorter notice is consented to (before the notice)');
  if (denied) return denied;
  if (!isExecutive(state, actor)) {
    return refuse(
      'invalid',
      'reassignment.waiver.executive-only',
      `only the executive ${state.executiveId} consents to a shorter notice; not ${actor.id} (${actor.role})`,
    );
  }
  if (state.waiver) return refuse('conflict', 'reassignment.waiver.already-given', `the executive consented on ${state.waiver.consentedOn}`);
  const future = notInFuture(todayOf(state, at), command.consentedOn, 'reassignment.waiver.in-future', 'consentedOn', 'the consent date');
  if (future) return future;
  return accept({
    type: 'ReassignmentShorterNoticeConsented',
    data: { executiveId: actor.id, consentedOn: command.consentedOn, statement: command.statement },
    occurredAt: at,
  });
};

/**
 * A recorded change that moves a noticed effective date into a block holds the case there (re-checked when HR
 * reschedules); one that lengthens the block of a case already held says the new earliest date.
 */
const blockedEvent = (state: ReassignmentState, at: string): ReassignmentEvent[] => {
  if (state.status !== 'NOTICE_ISSUED' && state.status !== 'BLOCKED_MORATORIUM') return [];
  const policy = policyOf(state);
  const on = moratoriumOn(blocksHolding(state, policy), state.effectiveDate!);
  if (on === null || on.blockedUntil === state.block?.blockedUntil) return [];
  return [
    {
      type: 'ReassignmentBlockedByMoratorium',
      data: {
        effectiveDate: state.effectiveDate!,
        blockedUntil: on.blockedUntil,
        earliestEffectiveDate: on.earliestEffectiveDate,
        triggers: on.blocking.map((b) => ({ trigger: b.trigger, effectiveDate: b.effectiveDate, until: b.until })),
      },
      occurredAt: at,
    },
  ];
};

const recordLeadershipChange = (state: ReassignmentState, command: CommandOf<'RecordLeadershipChange'>): Result => {
  const { at, trigger, effectiveDate } = command;
  const denied =
    inStatus(state, OPEN, 'reassignment.leadership.case-open', 'a leadership change is recorded') ??
    refuseUnlessInRole(command, ['hr-specialist'], 'reassignment.leadership.hr-specialist-only', 'records a leadership change');
  if (denied) return denied;
  if (trigger === 'new-noncareer-supervisor') {
    if (command.noncareer !== true) {
      return refuse(
        'invalid',
        'reassignment.leadership.supervisor-not-noncareer',
        'only a noncareer most-immediate supervisor starts the moratorium (3395(e)(1)(B)); say noncareer: true, or record no change',
        'noncareer',
      );
    }
    if (command.makesInitialAppraisal !== true) {
      return refuse(
        'invalid',
        'reassignment.leadership.supervisor-cannot-appraise',
        'a new noncareer supervisor starts the moratorium only if they can make the initial appraisal (3395(e)(1)(B)); say makesInitialAppraisal: true, or record no change',
        'makesInitialAppraisal',
      );
    }
  }
  if (state.clocks.some((c) => c.trigger === trigger && c.effectiveDate === effectiveDate)) {
    return refuse('conflict', 'reassignment.leadership.already-recorded', `${trigger} on ${effectiveDate} is already on record`, 'effectiveDate');
  }
  const recorded: ReassignmentEvent = {
    type: 'ReassignmentLeadershipChangeRecorded',
    data: { trigger, effectiveDate, moratoriumUntil: blockOf({ trigger, effectiveDate }, state.details, policyOf(state)).until },
    occurredAt: at,
  };
  return accept(recorded, ...blockedEvent({ ...state, clocks: [...state.clocks, { trigger, effectiveDate, at }] }, at));
};

const recordDetail = (state: ReassignmentState, command: CommandOf<'RecordDetail'>): Result => {
  const { at, from, to } = command;
  const denied =
    inStatus(state, OPEN, 'reassignment.detail.case-open', 'a detail is recorded') ??
    refuseUnlessInRole(command, ['hr-specialist'], 'reassignment.detail.hr-specialist-only', 'records a detail');
  if (denied) return denied;
  if (to < from) return refuse('invalid', 'reassignment.detail.ends-before-start', `the detail ends (${to}) before it starts (${from})`, 'to');
  const overlap = state.details.find((d) => d.from <= to && from <= d.to);
  if (overlap) return refuse('invalid', 'reassignment.detail.overlap', `the detail overlaps the one on record from ${overlap.from} to ${overlap.to}`, 'from');
  const days = noticeDaysOf(from, to) + 1;
  const details = [...state.details, { from, to, days }];
  return accept({ type: 'ReassignmentDetailRecorded', data: { from, to, days }, occurredAt: at }, ...blockedEvent({ ...state, details }, at));
};

const reschedule = (state: ReassignmentState, command: CommandOf<'RescheduleReassignment'>): Result => {
  const { at, effectiveDate } = command;
  const denied =
    inStatus(state, ['BLOCKED_MORATORIUM'], 'reassignment.reschedule.not-blocked', 'a reassignment is rescheduled') ??
    refuseUnlessInRole(command, ['hr-specialist'], 'reassignment.reschedule.hr-specialist-only', 'reschedules a blocked reassignment');
  if (denied) return denied;
  const today = todayOf(state, at);
  if (effectiveDate <= today) {
    return refuse(
      'invalid',
      'reassignment.reschedule.effective-date-not-ahead',
      `the new effective date ${effectiveDate} must be after today (${today})`,
      'effectiveDate',
    );
  }
  const notice = state.notice!;
  const required = requiredNoticeDays(policyOf(state), state.withinCommutingArea!, notice.waivedByConsent);
  if (noticeDaysOf(notice.noticeDate, effectiveDate) < required) {
    return refuse(
      'invalid',
      'reassignment.reschedule.notice-too-short',
      `the notice of ${notice.noticeDate} needs ${required} days before the effective date; ${effectiveDate} is too early`,
      'effectiveDate',
    );
  }
  const blocked = refuseIfBlocked(state, effectiveDate, 'reassignment.moratorium.blocked');
  if (blocked) return blocked;
  return accept({
    type: 'ReassignmentRescheduled',
    data: { rescheduledBy: command.actor.id, previousEffectiveDate: state.effectiveDate!, effectiveDate },
    occurredAt: at,
  });
};

const decline = (state: ReassignmentState, command: CommandOf<'DeclineReassignment'>): Result => {
  const { actor, at } = command;
  if (!isExecutive(state, actor)) {
    return refuse(
      'invalid',
      'reassignment.decline.executive-only',
      `only the executive ${state.executiveId} declines their reassignment; not ${actor.id} (${actor.role})`,
    );
  }
  if (state.kind === 'voluntary') {
    return refuse('conflict', 'reassignment.decline.voluntary', 'a voluntary reassignment is not declined but withdrawn (WithdrawReassignment)');
  }
  return accept({ type: 'ReassignmentDeclined', data: { executiveId: actor.id, reason: command.reason, consequence: 'conduct-action' }, occurredAt: at });
};

const withdraw = (state: ReassignmentState, command: CommandOf<'WithdrawReassignment'>): Result => {
  const { actor, at } = command;
  if (!(state.kind === 'voluntary' && isExecutive(state, actor))) {
    const denied = byAppointingAuthority(
      state,
      command,
      'reassignment.withdraw.appointing-authority-only',
      `withdraws a reassignment${state.kind === 'voluntary' ? ` (or the executive ${state.executiveId}, who asked for it)` : ''}`,
    );
    if (denied) return denied;
  }
  return accept({ type: 'ReassignmentWithdrawn', data: { withdrawnBy: actor.id, reason: command.reason }, occurredAt: at });
};

const effect = (state: ReassignmentState, command: CommandOf<'EffectReassignment'>): Result => {
  const { actor, at } = command;
  if (actor.role !== 'system') return refuse('invalid', 'reassignment.effect.system-only', `only the workflow's timer sends this, not a ${actor.role}`);
  const denied = inStatus(state, ['NOTICE_ISSUED'], 'reassignment.effect.not-noticed', 'a reassignment takes effect');
  if (denied) return denied;
  const today = todayOf(state, at);
  if (today < state.effectiveDate!) {
    return refuse('conflict', 'reassignment.effect.too-early', `the reassignment takes effect on ${state.effectiveDate}, not ${today}`);
  }
  const blocked = blockedEvent(state, at);
  if (blocked.length > 0) return accept(...blocked);
  return accept({ type: 'ReassignmentEffected', data: { toPositionId: state.start!.toPositionId, effectiveDate: state.effectiveDate! }, occurredAt: at });
};
