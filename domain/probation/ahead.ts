import { agencyDayStart } from '../agencyTimeZones';
import type { Ahead } from '../processDefinition';
import type { ProbationState } from './state';
import { probationTimersAhead } from './timers';

/** The workflow's own timers ahead, in words; with a removal pending, the end date stays ahead should it be withdrawn. */
export const probationAhead = (state: ProbationState): Ahead[] => {
  const end = state.endDate!;
  const timers = probationTimersAhead(state).map((timer): Ahead => {
    switch (timer.kind) {
      case 'certification-reminder':
        return { kind: timer.kind, dueAt: timer.dueAt, note: `certification reminder, ${timer.daysBeforeEnd} days before the end date ${end}` };
      case 'end-of-period':
        return {
          kind: timer.kind,
          dueAt: timer.dueAt,
          note: `the period ends after ${end}: completed if certified, else flagged as overdue for certification`,
        };
      case 'removal-effective':
        return { kind: timer.kind, dueAt: timer.dueAt, note: `the proposed removal (${state.removal!.ground}) takes effect unless withdrawn` };
    }
  });
  return state.status === 'REMOVAL_PROPOSED'
    ? [...timers, { kind: 'end-date', dueAt: agencyDayStart(end, state.agency), note: 'last day of the probationary period' }]
    : timers;
};
