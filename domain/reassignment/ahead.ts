import { agencyDayStart } from '../agencyTimeZones';
import type { Ahead } from '../processDefinition';
import type { ReassignmentState } from './state';
import { nextReassignmentTimer } from './timers';

/** The effective date ahead, in words; a blocked case shows the earliest date it can take effect. */
export const reassignmentAhead = (state: ReassignmentState): Ahead[] => {
  const timer = nextReassignmentTimer(state);
  if (timer) {
    return [
      {
        kind: timer.kind,
        dueAt: timer.dueAt,
        note: `the reassignment to ${state.start!.toPositionId} takes effect on ${timer.effectiveDate}, unless a moratorium then blocks it`,
      },
    ];
  }
  if (state.status === 'BLOCKED_MORATORIUM') {
    const { blockedUntil, earliestEffectiveDate } = state.block!;
    return [
      {
        kind: 'moratorium-ends',
        dueAt: agencyDayStart(earliestEffectiveDate, state.agency),
        note: `the moratorium blocks the reassignment through ${blockedUntil}; HR sets a new effective date on or after ${earliestEffectiveDate}`,
      },
    ];
  }
  return [];
};
