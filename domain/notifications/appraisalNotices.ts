import type { AppraisalEvent } from '../appraisal/events';
import { levelName } from '../appraisal/rules';
import type { AppraisalState } from '../appraisal/state';
import type { Notice } from './notice';
import { caseIdOf, notice, people, person, recipients, runTable, silent, subjectPerson, type CaseRef, type NoticeTable } from './table';

// Silent: AppraisalProgressReviewRecorded (the supervisor held it with the executive; nobody must act on it),
// AppraisalNewAdministrationRecorded (the freeze refuses ratings in the decider and the refusal says until when).
export const APPRAISAL_SILENT_EVENT_TYPES = ['AppraisalProgressReviewRecorded', 'AppraisalNewAdministrationRecorded'] as const;

const Name = (ref: CaseRef, state: AppraisalState) => `Appraisal ${ref.caseId} (${state.period?.cycle ?? 'period'})`;
const executive = (state: AppraisalState) => subjectPerson(state.executiveId);
const supervisor = (state: AppraisalState) => person(state.supervisorId);
const authority = (state: AppraisalState) => person(state.appointingAuthorityId);
const hr = (state: AppraisalState) => person(state.start?.startedBy);

const APPRAISAL_NOTICES: NoticeTable<AppraisalEvent, AppraisalState> = {
  AppraisalStarted: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.started',
      to: supervisor(after),
      subject: `${Name(ref, after)}: performance plan due by ${e.data.appraisedFrom}`,
      body: `${Name(ref, after)} runs from ${e.data.appraisedFrom} through ${e.data.periodEnd}. Communicate the performance plan with its critical elements and weights to the executive on or before ${e.data.appraisedFrom}.`,
      dueOn: e.data.appraisedFrom,
    }),
  ],
  AppraisalPlanCommunicated: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.plan-communicated',
      to: recipients(executive(after), hr(after)),
      subject: `${Name(ref, after)}: performance plan communicated`,
      body: `The performance plan (${e.data.elements.map((el) => `${el.element} ${el.weight}%`).join(', ')}) was communicated on ${e.data.communicatedOn}. At least one progress review follows during the period, which ends ${after.period?.end}.`,
    }),
  ],
  AppraisalPlanReminderSent: (e, _b, after, ref) => [
    notice(ref, {
      kind: e.data.overdue ? 'appraisal.plan-overdue' : 'appraisal.plan-reminder',
      to: recipients(people(e.data.recipientIds), e.data.overdue ? hr(after) : []),
      subject: e.data.overdue
        ? `${Name(ref, after)}: no performance plan recorded, the appraisal began ${e.data.dueOn}`
        : `${Name(ref, after)}: performance plan due by ${e.data.dueOn}`,
      body: e.data.overdue
        ? `The appraisal began on ${e.data.dueOn} and no plan is recorded. Only a plan communicated on or before that day is accepted; otherwise HR cancels this case and appraises from a later day.`
        : `Communicate the performance plan to the executive on or before ${e.data.dueOn}. It carries the critical elements of the period's policy, their weights summing to 100%.`,
      dueOn: e.data.dueOn,
    }),
  ],
  AppraisalProgressReviewRecorded: silent,
  AppraisalProgressReviewReminderSent: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.progress-review-reminder',
      to: people(e.data.recipientIds),
      subject: `${Name(ref, after)}: no progress review yet`,
      body: `No progress review is recorded in ${Name(ref, after)}. At least one is held during the period, which ends ${e.data.dueOn}; the rating waits for it.`,
      dueOn: e.data.dueOn,
    }),
  ],
  AppraisalNewAdministrationRecorded: silent,
  AppraisalPeriodExtended: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.period-extended',
      to: recipients(executive(after), supervisor(after), hr(after)),
      subject: `${Name(ref, after)}: period extended to ${e.data.periodEnd}`,
      body: `The executive had ${e.data.daysUnderPlan} days under the plan by ${e.data.previousPeriodEnd}, fewer than the minimum ${e.data.minimumPeriodDays}: the appraisal period runs on through ${e.data.periodEnd}. The supervisor rates after that day.`,
      dueOn: e.data.periodEnd,
    }),
  ],
  AppraisalPeriodEnded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.rating-due',
      to: supervisor(after),
      subject: `${Name(ref, after)}: period ended, initial rating due`,
      body: `The appraisal period ended ${e.data.periodEnd} after ${e.data.daysUnderPlan} days under the plan. Give the initial summary rating on five levels.`,
    }),
  ],
  AppraisalInitialRatingIssued: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.initial-rating',
      to: executive(after),
      subject: `${Name(ref, after)}: initial rating ${levelName(e.data.level)}, respond by ${e.data.responseDueOn}`,
      body: `Your supervisor gave the initial summary rating ${levelName(e.data.level)} on ${e.data.issuedOn}. You may respond in writing and ask for a higher-level review by ${e.data.responseDueOn}; the PRB then reviews the rating.`,
      dueOn: e.data.responseDueOn,
    }),
  ],
  AppraisalExecutiveResponded: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.executive-responded',
      to: recipients(supervisor(after), hr(after)),
      subject: `${Name(ref, after)}: the executive responded${e.data.higherLevelReviewRequested ? ' and asks for a higher-level review' : ''}`,
      body: e.data.higherLevelReviewRequested
        ? `The executive responded to the initial rating on ${ref.on} and asks for a higher-level review: a higher-level official recommends to the PRB; the rating stays the supervisor's. The PRB then reviews both.`
        : `The executive responded to the initial rating on ${ref.on}. HR convenes the PRB.`,
    }),
  ],
  AppraisalResponseWindowClosed: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.awaiting-prb',
      to: hr(after),
      subject: `${Name(ref, after)}: response window closed, convene the PRB`,
      body: `The executive's window to respond closed after ${e.data.responseDueOn} without a response. Convene the PRB panel that reviews the rating.`,
    }),
  ],
  AppraisalHigherLevelReviewCompleted: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.higher-level-review',
      to: recipients(executive(after), supervisor(after), hr(after)),
      subject: `${Name(ref, after)}: higher-level review recommends ${levelName(e.data.recommendedLevel)}`,
      body: `The higher-level reviewer recommends ${levelName(e.data.recommendedLevel)} to the PRB. The initial rating stays as the supervisor gave it; the PRB reviews both.`,
    }),
  ],
  AppraisalPrbConvened: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.prb-convened',
      to: people(e.data.members.map((m) => m.id)),
      subject: `${Name(ref, after)}: PRB panel ${e.data.panelId}, your recommendation is due`,
      body: `You sit on PRB panel ${e.data.panelId}, which reviews an initial summary rating. The board gives the appointing authority a written recommendation.`,
    }),
  ],
  AppraisalPrbRecommended: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.prb-recommended',
      to: authority(after),
      subject: `${Name(ref, after)}: PRB recommends ${levelName(e.data.recommendedLevel)}, final rating due`,
      body: `PRB panel ${e.data.panelId} recommends ${levelName(e.data.recommendedLevel)}. Issue the final rating.`,
    }),
  ],
  AppraisalFinalRatingIssued: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.final-rating',
      to: recipients(executive(after), supervisor(after), hr(after)),
      subject: `${Name(ref, after)}: final rating ${levelName(e.data.level)}`,
      body: `The appointing authority issued the final rating ${levelName(e.data.level)} on ${e.data.issuedOn}. Ratings are not appealable (5 U.S.C. 4312(d)).`,
    }),
  ],
  AppraisalUnsatisfactoryDecisionRequired: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.decision-required',
      to: recipients(authority(after), hr(after)),
      subject: `${Name(ref, after)}: unsatisfactory final rating, your decision is due`,
      body: 'The final rating is unsatisfactory. Reassign or transfer the executive within the SES, or remove them (5 U.S.C. 4314(b)(3)).',
    }),
  ],
  AppraisalMandatoryRemovalRequired: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.mandatory-removal',
      to: recipients(executive(after), authority(after), hr(after)),
      subject: `${Name(ref, after)}: removal from the SES is mandatory`,
      body: `Removal from the SES is mandatory (${e.data.basis.replaceAll('-', ' ')}: ${e.data.countedRatings.map((r) => `Level ${r.level} for the period ending ${r.periodEnd}`).join(', ')}). The appointing authority gives written notice at least 30 days before it takes effect.`,
    }),
  ],
  AppraisalUnsatisfactoryDecisionMade: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.unsatisfactory-decision',
      to: recipients(executive(after), hr(after)),
      subject: `${Name(ref, after)}: after the unsatisfactory rating, ${e.data.decision}`,
      body:
        e.data.decision === 'remove'
          ? 'The appointing authority decided to remove the executive from the SES. Written notice follows, at least 30 days before the removal takes effect.'
          : `The appointing authority decided to ${e.data.decision} the executive within the SES after the unsatisfactory rating. ${e.data.reassignment ? `Reassignment case ${e.data.reassignment.caseId} starts when this appraisal closes.` : 'This appraisal is closed.'}`,
    }),
  ],
  AppraisalRemovalNoticeIssued: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.removal-notice',
      to: recipients(executive(after), hr(after)),
      subject: `${Name(ref, after)}: removal from the SES effective ${e.data.effectiveDate}`,
      body: `Written notice of removal from the SES was given on ${e.data.noticeDate}; the removal takes effect on ${e.data.effectiveDate}. You may ask for an informal hearing before the MSPB by ${e.data.hearingRequestBy}; the hearing does not delay the removal.`,
      dueOn: e.data.hearingRequestBy,
    }),
  ],
  AppraisalInformalHearingRequested: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.hearing-requested',
      to: recipients(authority(after), hr(after)),
      subject: `${Name(ref, after)}: informal hearing requested`,
      body: `The executive asked for an informal MSPB hearing on ${e.data.requestedOn}. The removal still takes effect on ${after.consequences.removalNotice?.effectiveDate}.`,
    }),
  ],
  AppraisalExecutiveRemoved: (e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.removed',
      to: recipients(executive(after), authority(after), hr(after)),
      subject: `${Name(ref, after)}: removal effective ${e.data.effectiveDate}`,
      body: `The removal from the SES took effect on ${e.data.effectiveDate}. The case is closed.`,
    }),
  ],
  AppraisalCancelled: (_e, _b, after, ref) => [
    notice(ref, {
      kind: 'appraisal.cancelled',
      to: recipients(executive(after), supervisor(after)),
      subject: `${Name(ref, after)}: cancelled`,
      body: `${Name(ref, after)} was cancelled on ${ref.on}. No rating is given under it; the reason is on the case.`,
    }),
  ],
};

/** The notices of one appraisal event (stream `appraisal-<caseId>`). */
export const appraisalNotices = (event: AppraisalEvent, before: AppraisalState, after: AppraisalState, stream: string): Notice[] => {
  const caseId = caseIdOf(stream, 'appraisal-', after.caseId);
  return runTable(APPRAISAL_NOTICES, event, before, after, { caseId, casePath: `/appraisal-cases/${caseId}`, agency: after.agency });
};
