import { agencyDayStart } from '../agencyTimeZones';
import type { Ahead } from '../processDefinition';
import type { RotationState } from './state';
import { nextRotationTimer } from './timers';

/** The mid-point check-in while it is still due, and the end of the rotation. */
export const rotationAhead = (state: RotationState): Ahead[] => {
  const next = nextRotationTimer(state);
  if (next === null) return [];
  const end: Ahead = {
    kind: 'end-of-rotation',
    dueAt: agencyDayStart(state.endDate!, state.participant!.homeAgency),
    note: `the rotation ends ${state.endDate}: the host supervisor evaluates it`,
  };
  return next.kind === 'midpoint-check-in-due'
    ? [{ kind: next.kind, dueAt: next.dueAt, note: `the mid-point check-in falls due (${state.midpointDate})` }, end]
    : [end];
};
