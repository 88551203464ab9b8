import type { Ahead } from '../processDefinition';
import type { AppraisalState } from './state';
import { appraisalTimersAhead } from './timers';

/** The workflow's own timers ahead, in words. */
export const appraisalAhead = (state: AppraisalState): Ahead[] =>
  appraisalTimersAhead(state).map((timer): Ahead => {
    const period = state.period!;
    switch (timer.kind) {
      case 'plan-reminder':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: timer.overdue
            ? `the appraisal began ${period.appraisedFrom}: without a plan communicated by then, flagged as overdue`
            : `plan reminder to the supervisor: the plan is communicated on or before ${period.appraisedFrom}`,
        };
      case 'progress-review-reminder':
        return { kind: timer.kind, dueAt: timer.dueAt, note: 'progress review reminder: at least one review before the rating' };
      case 'period-end':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: `the period ends after ${period.end}: the rating follows, or the period is extended until 90 days under the plan are met`,
        };
      case 'response-window-close':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: `the executive's response window closes after ${state.initialRating!.responseDueOn}; the PRB follows`,
        };
      case 'removal-effective':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: `the removal from the SES takes effect; an informal hearing may be requested through ${state.consequences.removalNotice!.hearingRequestBy}`,
        };
    }
  });
