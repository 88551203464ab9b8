import { refuseUnlessActingFor } from '../actingFor';
import { commandDateOf } from '../agencyTimeZones';
import { addDays } from '../calendar';
import { accept, refuse, type Decision } from '../domainError';
import { policyById, policyForStart } from '../policyVersions';
import type { Role } from '../roles';
import { refuseAuditor, refuseStarter, refuseStarterAsApprover, type Starter } from '../separationOfDuties';
import type { AppraisalCommand } from './commands';
import type { AppraisalEvent } from './events';
import { daysUnderPlan, freezeUntil, mandatoryRemoval, periodEndMeetingMinimum, planBreach, prbBreach, type RuleBreach } from './rules';
import { isAppraisalTerminal, type AppraisalState } from './state';

type CommandOf<T extends AppraisalCommand['type']> = Extract<AppraisalCommand, { type: T }>;
type Result = Decision<AppraisalEvent>;

/** Turns a command into the events it causes, or a refusal naming the rule. Pure. Ratings are not appealable (4312(d)): there is no appeal command. */
export const decideAppraisal = (state: AppraisalState, command: AppraisalCommand): Result => {
  const auditor = refuseAuditor(command.actor);
  if (auditor) return auditor;
  if (command.type === 'StartAppraisal') return start(state, command);
  if (state.status === 'NOT_STARTED') return refuse('conflict', 'appraisal.not-started', 'the appraisal case has not been started');
  if (isAppraisalTerminal(state))
    return refuse('conflict', 'appraisal.case-closed', `case ${state.caseId} is closed (${state.status}); it takes no more actions`);
  switch (command.type) {
    case 'CommunicatePlan':
      return communicatePlan(state, command);
    case 'RecordProgressReview':
      return recordProgressReview(state, command);
    case 'RecordNewAdministration':
      return recordNewAdministration(state, command);
    case 'IssueInitialRating':
      return issueInitialRating(state, command);
    case 'RespondToInitialRating':
      return respond(state, command);
    case 'SubmitHigherLevelReview':
      return submitHigherLevelReview(state, command);
    case 'ConvenePrb':
      return convenePrb(state, command);
    case 'SubmitPrbRecommendation':
      return submitPrbRecommendation(state, command);
    case 'IssueFinalRating':
      return issueFinalRating(state, command);
    case 'DecideAfterUnsatisfactoryRating':
      return decideAfterUnsatisfactory(state, command);
    case 'IssueRemovalNotice':
      return issueRemovalNotice(state, command);
    case 'RequestInformalHearing':
      return requestHearing(state, command);
    case 'CancelAppraisal':
      return cancel(state, command);
    case 'RemindOfPlan':
      return remindOfPlan(state, command);
    case 'RemindOfProgressReview':
      return remindOfProgressReview(state, command);
    case 'ReachPeriodEnd':
      return reachPeriodEnd(state, command);
    case 'CloseResponseWindow':
      return closeResponseWindow(state, command);
    case 'EffectRemoval':
      return effectRemoval(state, command);
  }
};

const policyOf = (state: AppraisalState) => policyById(state.policyVersion!).appraisal;

/** The agency's date of the command: every date rule counts the agency's days. */
const dayOf = (state: AppraisalState, command: AppraisalCommand): string => commandDateOf(command, state.agency);

const starterOf = (state: AppraisalState): Starter => ({ id: state.start!.startedBy, role: 'hr-specialist' });

const breach = (b: RuleBreach): Result => refuse('invalid', b.rule, b.message, b.field);

const notNow = (state: AppraisalState, rule: string, what: string): Result => refuse('conflict', rule, `${what}; this case is ${state.status}`);

/** A named official's decision: theirs or their acting official's, never the starter's. */
const decidedBy = (state: AppraisalState, command: AppraisalCommand, personOfRecord: string, role: Role, rule: string, whose: string): Result | null =>
  refuseStarter('appraisal', command.actor, starterOf(state), command.type) ?? refuseUnlessActingFor(command, personOfRecord, role, rule, whose);

const bySupervisor = (state: AppraisalState, command: AppraisalCommand, rule: string, what: string): Result | null =>
  decidedBy(state, command, state.supervisorId!, 'supervisor', rule, `${what} by the case's supervisor (${state.supervisorId})`);

const byAppointingAuthority = (state: AppraisalState, command: AppraisalCommand, rule: string, what: string): Result | null =>
  decidedBy(
    state,
    command,
    state.appointingAuthorityId!,
    'appointing-authority',
    rule,
    `${what} by the case's appointing authority (${state.appointingAuthorityId})`,
  );

/** A role anyone holding it may take, not the starter, not the executive, not the supervisor who rated. */
const byRole = (state: AppraisalState, command: AppraisalCommand, role: Role, rule: string, what: string): Result | null => {
  const { actor } = command;
  if (actor.role !== role) return refuse('invalid', rule, `${what} is taken by a ${role}, not a ${actor.role}`);
  if (actor.id === state.executiveId || actor.id === state.supervisorId) {
    return refuse(
      'invalid',
      'appraisal.separation-of-duties',
      `${actor.id} is the executive or the rating supervisor of this case and cannot take ${command.type}`,
    );
  }
  return refuseStarter('appraisal', actor, starterOf(state), command.type);
};

const hrOnly = (command: AppraisalCommand, rule: string, what: string): Result | null =>
  command.actor.role === 'hr-specialist' ? null : refuse('invalid', rule, `only an HR specialist ${what}, not a ${command.actor.role}`);

const byExecutive = (state: AppraisalState, command: AppraisalCommand, rule: string, what: string): Result | null =>
  command.actor.role === 'executive' && command.actor.id === state.executiveId
    ? null
    : refuse('invalid', rule, `${what} is the executive's own (${state.executiveId}), not ${command.actor.id} (${command.actor.role})`);

const start = (state: AppraisalState, command: CommandOf<'StartAppraisal'>): Result => {
  const { start: body, actor, at } = command;
  if (state.status !== 'NOT_STARTED')
    return refuse('conflict', 'appraisal.start.already-started', `case ${state.caseId} was already started on ${state.startedAt}`);
  if (actor.role !== 'hr-specialist')
    return refuse('invalid', 'appraisal.start.hr-specialist-only', `only an HR specialist starts an appraisal, not a ${actor.role}`);
  if (actor.id !== body.startedBy)
    return refuse('invalid', 'appraisal.start.starter-is-actor', `startedBy must be the acting specialist ${actor.id}`, 'startedBy');
  for (const field of ['supervisorId', 'appointingAuthorityId', 'startedBy'] as const) {
    if (body[field] === body.executiveId) {
      return refuse('invalid', 'appraisal.start.separation-of-duties', `the executive ${body.executiveId} cannot also be the case's ${field}`, field);
    }
  }
  const approver = refuseStarterAsApprover('appraisal', { id: body.startedBy, role: 'hr-specialist' }, [
    ['supervisorId', body.supervisorId],
    ['appointingAuthorityId', body.appointingAuthorityId],
  ]);
  if (approver) return approver;
  const { period } = body;
  if (period.end <= period.start)
    return refuse('invalid', 'appraisal.start.period-range', `the period ends ${period.end}, not after it starts ${period.start}`, 'period.end');
  const appraisedFrom = body.appraisedFrom ?? period.start;
  if (appraisedFrom < period.start || appraisedFrom > period.end) {
    return refuse(
      'invalid',
      'appraisal.start.appraised-from-outside-period',
      `appraisedFrom ${appraisedFrom} is outside the period ${period.start} to ${period.end}`,
      'appraisedFrom',
    );
  }
  const today = dayOf(state, command);
  if (today > period.end)
    return refuse('invalid', 'appraisal.start.period-over', `the period ended ${period.end}, before this start on ${today}`, 'period.end');
  const prior = (body.priorFinalRatings ?? []).findIndex((r) => r.periodEnd >= period.start);
  if (prior >= 0) {
    return refuse(
      'invalid',
      'appraisal.start.prior-rating-not-prior',
      `a prior final rating's period ends before this period starts (${period.start}), not ${body.priorFinalRatings![prior]!.periodEnd}`,
      `priorFinalRatings.${prior}.periodEnd`,
    );
  }
  // The policy in force on the period's first day (domain/appraisal/policy.ts says why), in the agency's days.
  const chosen = policyForStart('appraisal.start', command.policyVersion, period.start);
  if (!chosen.ok)
    return chosen.refusal.ok === false && chosen.refusal.error.field === 'at'
      ? refuse('invalid', chosen.refusal.error.rule, chosen.refusal.error.message, 'period.start')
      : chosen.refusal;
  const { policy } = chosen;
  const started: AppraisalEvent = {
    type: 'AppraisalStarted',
    data: { start: body, policyVersion: policy.id, appraisedFrom, periodEnd: period.end },
    occurredAt: at,
  };
  if (body.administrationBeganOn === undefined) return accept(started);
  return accept<AppraisalEvent>(started, {
    type: 'AppraisalNewAdministrationRecorded',
    data: { beganOn: body.administrationBeganOn, freezeUntil: freezeUntil(body.administrationBeganOn, policy.appraisal) },
    occurredAt: at,
  });
};

const communicatePlan = (state: AppraisalState, command: CommandOf<'CommunicatePlan'>): Result => {
  const denied = bySupervisor(state, command, 'appraisal.plan.case-supervisor-only', 'the performance plan is set');
  if (denied) return denied;
  if (state.status !== 'PLAN_DRAFT' && state.status !== 'PLAN_OVERDUE')
    return notNow(state, 'appraisal.plan.already-communicated', `the plan was communicated on ${state.plan?.communicatedOn}`);
  const { communicatedOn, elements, at, actor } = command;
  const today = dayOf(state, command);
  if (communicatedOn > today)
    return refuse(
      'invalid',
      'appraisal.plan.not-yet-communicated',
      `a plan is recorded once communicated; ${communicatedOn} is after today ${today}`,
      'communicatedOn',
    );
  if (communicatedOn > state.period!.appraisedFrom) {
    return refuse(
      'invalid',
      'appraisal.plan.after-period-start',
      `the plan is communicated on or before the appraisal begins (${state.period!.appraisedFrom}, 5 U.S.C. 4312(b)(1)), not ${communicatedOn}`,
      'communicatedOn',
    );
  }
  const bad = planBreach(elements, policyOf(state));
  if (bad) return breach(bad);
  return accept({ type: 'AppraisalPlanCommunicated', data: { supervisorId: actor.id, elements, communicatedOn }, occurredAt: at });
};

const recordProgressReview = (state: AppraisalState, command: CommandOf<'RecordProgressReview'>): Result => {
  const denied = bySupervisor(state, command, 'appraisal.progress-review.case-supervisor-only', 'a progress review is held');
  if (denied) return denied;
  if (state.status !== 'IN_PERIOD' && state.status !== 'RATING_DUE')
    return notNow(state, 'appraisal.progress-review.not-in-period', 'progress reviews are held during the period');
  const { heldOn, summary, at, actor } = command;
  const today = dayOf(state, command);
  const { appraisedFrom, end } = state.period!;
  if (heldOn > today)
    return refuse('invalid', 'appraisal.progress-review.not-yet-held', `a review is recorded once held; ${heldOn} is after today ${today}`, 'heldOn');
  if (heldOn < appraisedFrom || heldOn > end) {
    return refuse(
      'invalid',
      'appraisal.progress-review.outside-period',
      `a progress review is held during the period (${appraisedFrom} to ${end}), not ${heldOn}`,
      'heldOn',
    );
  }
  return accept({ type: 'AppraisalProgressReviewRecorded', data: { supervisorId: actor.id, heldOn, summary }, occurredAt: at });
};

const recordNewAdministration = (state: AppraisalState, command: CommandOf<'RecordNewAdministration'>): Result => {
  const denied = hrOnly(command, 'appraisal.administration.hr-specialist-only', 'records a new administration');
  if (denied) return denied;
  if (state.finalRating) return notNow(state, 'appraisal.administration.rated', `the final rating was issued on ${state.finalRating.issuedOn}`);
  const { beganOn, at } = command;
  const today = dayOf(state, command);
  if (beganOn > today)
    return refuse(
      'invalid',
      'appraisal.administration.future',
      `a new administration is recorded once it has begun; ${beganOn} is after today ${today}`,
      'beganOn',
    );
  return accept({ type: 'AppraisalNewAdministrationRecorded', data: { beganOn, freezeUntil: freezeUntil(beganOn, policyOf(state)) }, occurredAt: at });
};

/** No rating of a career appointee within 120 days after a new administration begins (5 U.S.C. 4314(b)(1)(C)); the refusal says until when. */
const frozen = (state: AppraisalState, today: string, what: string): Result | null => {
  const administration = state.administration;
  if (state.appointmentType !== 'career' || !administration || today < administration.beganOn || today > administration.freezeUntil) return null;
  return refuse(
    'conflict',
    'appraisal.rating.transition-freeze',
    `no ${what} of a career appointee within ${policyOf(state).transitionFreezeDays} days after the new administration began on ${administration.beganOn} (5 U.S.C. 4314(b)(1)(C)): frozen until ${administration.freezeUntil}, the earliest day is ${addDays(administration.freezeUntil, 1)}`,
  );
};

const issueInitialRating = (state: AppraisalState, command: CommandOf<'IssueInitialRating'>): Result => {
  const denied = bySupervisor(state, command, 'appraisal.rating.case-supervisor-only', 'the initial summary rating is given');
  if (denied) return denied;
  if (state.status === 'IN_PERIOD')
    return notNow(state, 'appraisal.rating.period-running', `the period runs through ${state.period!.end}; the rating follows its end`);
  if (state.status !== 'RATING_DUE') return notNow(state, 'appraisal.rating.not-due', 'the initial summary rating follows the end of the period');
  if (state.progressReviews.length === 0) {
    return refuse(
      'conflict',
      'appraisal.rating.progress-review-required',
      'at least one progress review is held during the period before the rating (5 CFR 430 subpart C)',
    );
  }
  const today = dayOf(state, command);
  const freeze = frozen(state, today, 'rating');
  if (freeze) return freeze;
  const { level, narrative, at, actor } = command;
  return accept({
    type: 'AppraisalInitialRatingIssued',
    data: { supervisorId: actor.id, level, narrative, issuedOn: today, responseDueOn: addDays(today, policyOf(state).responseWindowDays) },
    occurredAt: at,
  });
};

const respond = (state: AppraisalState, command: CommandOf<'RespondToInitialRating'>): Result => {
  const denied = byExecutive(state, command, 'appraisal.response.executive-only', 'the response to the initial rating');
  if (denied) return denied;
  if (state.status !== 'INITIAL_RATING_ISSUED')
    return notNow(state, 'appraisal.response.window-closed', 'the executive responds while the response window is open');
  const { response, requestHigherLevelReview, at, actor } = command;
  return accept({
    type: 'AppraisalExecutiveResponded',
    data: { executiveId: actor.id, response, higherLevelReviewRequested: requestHigherLevelReview },
    occurredAt: at,
  });
};

const submitHigherLevelReview = (state: AppraisalState, command: CommandOf<'SubmitHigherLevelReview'>): Result => {
  // A higher-level official reviews (430.308): a supervisor other than the one who rated.
  const denied = byRole(state, command, 'supervisor', 'appraisal.higher-level-review.reviewer-only', 'a higher-level review');
  if (denied) return denied;
  if (state.status !== 'HIGHER_LEVEL_REVIEW')
    return notNow(state, 'appraisal.higher-level-review.not-requested', "a higher-level review follows the executive's request");
  const { recommendedLevel, recommendation, at, actor } = command;
  return accept({ type: 'AppraisalHigherLevelReviewCompleted', data: { reviewerId: actor.id, recommendedLevel, recommendation }, occurredAt: at });
};

const convenePrb = (state: AppraisalState, command: CommandOf<'ConvenePrb'>): Result => {
  const denied = hrOnly(command, 'appraisal.prb.hr-specialist-only', 'convenes the PRB panel');
  if (denied) return denied;
  if (state.status === 'INITIAL_RATING_ISSUED') {
    return notNow(state, 'appraisal.prb.response-window-open', `the executive may respond through ${state.initialRating!.responseDueOn}; the PRB follows`);
  }
  if (state.status === 'HIGHER_LEVEL_REVIEW')
    return notNow(state, 'appraisal.prb.higher-level-review-pending', 'the requested higher-level review comes first');
  if (state.status !== 'AWAITING_PRB') return notNow(state, 'appraisal.prb.not-awaiting', "the PRB reviews an initial rating after the executive's response");
  const { panelId, members, at, actor } = command;
  const bad = prbBreach(
    members,
    {
      executiveId: state.executiveId!,
      appointmentType: state.appointmentType!,
      supervisorId: state.initialRating!.supervisorId,
      supervisorOf: state.supervisorOf,
    },
    policyOf(state),
  );
  if (bad) return breach(bad);
  return accept({ type: 'AppraisalPrbConvened', data: { panelId, members, convenedBy: actor.id }, occurredAt: at });
};

const submitPrbRecommendation = (state: AppraisalState, command: CommandOf<'SubmitPrbRecommendation'>): Result => {
  // Board members are senior officials acting in the supervisor role; what makes one a member is the convened panel.
  if (command.actor.role !== 'supervisor')
    return refuse('invalid', 'appraisal.prb.member-only', `the PRB's recommendation is written by a member of its panel, not a ${command.actor.role}`);
  if (state.status !== 'PRB_REVIEW') return notNow(state, 'appraisal.prb.not-in-review', 'the PRB recommends once convened and before the final rating');
  const { prb } = state;
  if (!prb!.members.some((m) => m.id === command.actor.id)) {
    return refuse(
      'invalid',
      'appraisal.prb.member-only',
      `${command.actor.id} does not sit on panel ${prb!.panelId} (${prb!.members.map((m) => m.id).join(', ')})`,
    );
  }
  const { recommendedLevel, recommendation, at, actor } = command;
  return accept({ type: 'AppraisalPrbRecommended', data: { panelId: prb!.panelId, writtenBy: actor.id, recommendedLevel, recommendation }, occurredAt: at });
};

const issueFinalRating = (state: AppraisalState, command: CommandOf<'IssueFinalRating'>): Result => {
  const denied = byAppointingAuthority(state, command, 'appraisal.final-rating.case-appointing-authority-only', 'the final rating is issued');
  if (denied) return denied;
  if (state.status !== 'PRB_RECOMMENDED') {
    return notNow(
      state,
      'appraisal.final-rating.prb-recommendation-required',
      "the appointing authority rates after the PRB's written recommendation (5 U.S.C. 4314(c)(3))",
    );
  }
  const today = dayOf(state, command);
  const freeze = frozen(state, today, 'final rating');
  if (freeze) return freeze;
  const { level, reasons, at, actor } = command;
  const issued: AppraisalEvent = {
    type: 'AppraisalFinalRatingIssued',
    data: { appointingAuthorityId: actor.id, level, reasons, issuedOn: today },
    occurredAt: at,
  };
  const mandatory = mandatoryRemoval({ periodEnd: state.period!.end, level }, state.priorFinalRatings);
  if (mandatory) return accept<AppraisalEvent>(issued, { type: 'AppraisalMandatoryRemovalRequired', data: mandatory, occurredAt: at });
  if (level === 1) {
    return accept<AppraisalEvent>(issued, {
      type: 'AppraisalUnsatisfactoryDecisionRequired',
      data: { appointingAuthorityId: state.appointingAuthorityId!, options: ['reassign', 'transfer', 'remove'] },
      occurredAt: at,
    });
  }
  return accept(issued);
};

const decideAfterUnsatisfactory = (state: AppraisalState, command: CommandOf<'DecideAfterUnsatisfactoryRating'>): Result => {
  const denied = byAppointingAuthority(
    state,
    command,
    'appraisal.consequence.case-appointing-authority-only',
    'the decision after an unsatisfactory rating is taken',
  );
  if (denied) return denied;
  if (state.status !== 'DECISION_REQUIRED')
    return notNow(state, 'appraisal.consequence.not-required', 'a reassign, transfer or remove decision follows an unsatisfactory final rating');
  const { decision, reason, reassignment, at, actor } = command;
  if (decision === 'reassign' && !reassignment) {
    return refuse(
      'invalid',
      'appraisal.consequence.reassignment-required',
      'a reassignment names its case id, the SES position and whether it is within the commuting area',
      'reassignment',
    );
  }
  if (decision !== 'reassign' && reassignment) {
    return refuse(
      'invalid',
      'appraisal.consequence.reassignment-only-to-reassign',
      `a reassignment is named with the decision to reassign, not to ${decision}`,
      'reassignment',
    );
  }
  return accept({
    type: 'AppraisalUnsatisfactoryDecisionMade',
    data: { decidedBy: actor.id, decision, reason, ...(reassignment === undefined ? {} : { reassignment }) },
    occurredAt: at,
  });
};

const issueRemovalNotice = (state: AppraisalState, command: CommandOf<'IssueRemovalNotice'>): Result => {
  const denied = byAppointingAuthority(state, command, 'appraisal.removal.case-appointing-authority-only', 'the removal notice is issued');
  if (denied) return denied;
  if (state.status !== 'REMOVAL_NOTICE_DUE')
    return notNow(state, 'appraisal.removal.not-due', 'a removal notice follows a mandatory removal or a decision to remove');
  const { noticeDate, effectiveDate, basis, at, actor } = command;
  const today = dayOf(state, command);
  const policy = policyOf(state);
  if (noticeDate > today)
    return refuse(
      'invalid',
      'appraisal.removal.notice-not-given',
      `the written notice is recorded once given; ${noticeDate} is after today ${today}`,
      'noticeDate',
    );
  if (noticeDate < state.finalRating!.issuedOn) {
    return refuse(
      'invalid',
      'appraisal.removal.notice-before-rating',
      `the notice follows the final rating of ${state.finalRating!.issuedOn}, not ${noticeDate}`,
      'noticeDate',
    );
  }
  const earliest = addDays(noticeDate, policy.removalNoticeDays);
  if (effectiveDate < earliest) {
    return refuse(
      'invalid',
      'appraisal.removal.notice-period',
      `written notice is given at least ${policy.removalNoticeDays} days before the removal takes effect (5 U.S.C. 3592(a)(2)): notice on ${noticeDate}, the earliest effective date is ${earliest}, not ${effectiveDate}`,
      'effectiveDate',
    );
  }
  if (effectiveDate <= today)
    return refuse('invalid', 'appraisal.removal.effective-date-passed', `the effective date ${effectiveDate} must be after today ${today}`, 'effectiveDate');
  return accept({
    type: 'AppraisalRemovalNoticeIssued',
    data: {
      issuedBy: actor.id,
      noticeDate,
      effectiveDate,
      basis,
      mandatory: state.consequences.mandatoryRemoval !== null,
      hearingRequestBy: addDays(effectiveDate, -policy.hearingRequestDaysBeforeEffective),
    },
    occurredAt: at,
  });
};

const requestHearing = (state: AppraisalState, command: CommandOf<'RequestInformalHearing'>): Result => {
  const denied = byExecutive(state, command, 'appraisal.hearing.executive-only', 'the request for an informal hearing');
  if (denied) return denied;
  if (state.status !== 'REMOVAL_NOTICED') return notNow(state, 'appraisal.hearing.no-removal-noticed', 'an informal hearing is requested on a noticed removal');
  const notice = state.consequences.removalNotice!;
  if (state.consequences.hearingRequestedOn)
    return refuse('conflict', 'appraisal.hearing.already-requested', `a hearing was requested on ${state.consequences.hearingRequestedOn}`);
  const { requestedOn, at, actor } = command;
  const today = dayOf(state, command);
  if (requestedOn > today || requestedOn < notice.noticeDate) {
    return refuse(
      'invalid',
      'appraisal.hearing.requested-on',
      `the request is made between the notice (${notice.noticeDate}) and today (${today}), not ${requestedOn}`,
      'requestedOn',
    );
  }
  if (requestedOn > notice.hearingRequestBy) {
    return refuse(
      'invalid',
      'appraisal.hearing.too-late',
      `an informal hearing is requested no later than ${policyOf(state).hearingRequestDaysBeforeEffective} days before the removal takes effect on ${notice.effectiveDate} (5 CFR 359.502): by ${notice.hearingRequestBy}, not ${requestedOn}`,
      'requestedOn',
    );
  }
  return accept({ type: 'AppraisalInformalHearingRequested', data: { executiveId: actor.id, requestedOn }, occurredAt: at });
};

const cancel = (state: AppraisalState, command: CommandOf<'CancelAppraisal'>): Result => {
  const denied = hrOnly(command, 'appraisal.cancel.hr-specialist-only', 'cancels an appraisal');
  if (denied) return denied;
  if (state.finalRating) return notNow(state, 'appraisal.cancel.rated', `the final rating was issued on ${state.finalRating.issuedOn}; it stands`);
  return accept({ type: 'AppraisalCancelled', data: { cancelledBy: command.actor.id, reason: command.reason }, occurredAt: command.at });
};

const remindOfPlan = (state: AppraisalState, command: CommandOf<'RemindOfPlan'>): Result => {
  if (state.status !== 'PLAN_DRAFT') return notNow(state, 'appraisal.timer.plan-not-pending', 'no plan is pending');
  const dueOn = state.period!.appraisedFrom;
  const overdue = dayOf(state, command) > dueOn;
  return accept({ type: 'AppraisalPlanReminderSent', data: { dueOn, overdue, recipientIds: [state.supervisorId!] }, occurredAt: command.at });
};

const remindOfProgressReview = (state: AppraisalState, command: CommandOf<'RemindOfProgressReview'>): Result => {
  if (state.status !== 'IN_PERIOD' || state.progressReviews.length > 0)
    return notNow(state, 'appraisal.timer.review-not-pending', 'no progress review is pending');
  return accept({
    type: 'AppraisalProgressReviewReminderSent',
    data: { dueOn: state.period!.end, recipientIds: [state.supervisorId!] },
    occurredAt: command.at,
  });
};

const reachPeriodEnd = (state: AppraisalState, command: CommandOf<'ReachPeriodEnd'>): Result => {
  if (state.status !== 'IN_PERIOD') return notNow(state, 'appraisal.timer.not-in-period', 'the period ends while it runs');
  const { appraisedFrom, end } = state.period!;
  const { minimumPeriodDays } = policyOf(state);
  const days = daysUnderPlan(appraisedFrom, end);
  const extended = periodEndMeetingMinimum(appraisedFrom, end, minimumPeriodDays);
  if (extended !== end) {
    return accept({
      type: 'AppraisalPeriodExtended',
      data: { previousPeriodEnd: end, periodEnd: extended, daysUnderPlan: days, minimumPeriodDays },
      occurredAt: command.at,
    });
  }
  return accept({ type: 'AppraisalPeriodEnded', data: { periodEnd: end, daysUnderPlan: days }, occurredAt: command.at });
};

const closeResponseWindow = (state: AppraisalState, command: CommandOf<'CloseResponseWindow'>): Result => {
  if (state.status !== 'INITIAL_RATING_ISSUED') return notNow(state, 'appraisal.timer.window-not-open', 'no response window is open');
  return accept({ type: 'AppraisalResponseWindowClosed', data: { responseDueOn: state.initialRating!.responseDueOn }, occurredAt: command.at });
};

const effectRemoval = (state: AppraisalState, command: CommandOf<'EffectRemoval'>): Result => {
  if (state.status !== 'REMOVAL_NOTICED') return notNow(state, 'appraisal.timer.no-removal', 'no removal is noticed');
  const notice = state.consequences.removalNotice!;
  return accept({ type: 'AppraisalExecutiveRemoved', data: { effectiveDate: notice.effectiveDate, mandatory: notice.mandatory }, occurredAt: command.at });
};
