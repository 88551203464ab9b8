import type { Ahead } from '../processDefinition';
import type { QrbState } from './state';
import { nextQrbTimer } from './timers';

/** The next vote reminder, or the close of the resubmission window. */
export const qrbAhead = (state: QrbState): Ahead[] => {
  const next = nextQrbTimer(state);
  if (next === null) return [];
  return next.kind === 'vote-reminder'
    ? [{ kind: next.kind, dueAt: next.dueAt, note: `reminder ${next.reminder} to the members who have not voted in round ${next.round}` }]
    : [{ kind: next.kind, dueAt: next.dueAt, note: `the resubmission window closes after ${state.resubmitBy}` }];
};
