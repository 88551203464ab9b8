import { caseDayStart } from '../agencyTimeZones';
import { addDays, daysToMs } from '../calendar';
import { policyById } from '../policyVersions';
import { SYSTEM_ACTOR } from '../roles';
import type { QrbCommand } from './commands';
import { isQrbDecided, qrbAgency, type QrbState } from './state';

/** The next timer a case waits for, as the process workflow waits for it, anchored on dates in the state. */
export type QrbTimer = { kind: 'vote-reminder'; round: number; reminder: number; dueAt: string } | { kind: 'resubmission-window-closes'; dueAt: string };

/**
 * Pure: what the QRB workflow waits for next, or null when only people can move the case.
 * - board convened, undecided: the next vote reminder, every `voteReminderAfterDays`
 *   counted from the convening instant;
 * - disapproved with a resubmission left: the window's close when the agency's day after its last begins
 *   (00:00 UTC for a case that counts UTC days, `daysIn`).
 */
export const nextQrbTimer = (state: QrbState, daysIn?: 'UTC'): QrbTimer | null => {
  if (state.status === 'BOARD_CONVENED' && !isQrbDecided(state)) {
    const reminder = state.remindersSent.length + 1;
    const interval = daysToMs(policyById(state.policyVersion!).qrb.voteReminderAfterDays);
    return { kind: 'vote-reminder', round: state.round, reminder, dueAt: new Date(Date.parse(state.convenedAt!) + reminder * interval).toISOString() };
  }
  if (state.status === 'DISAPPROVED' && state.resubmitBy !== null)
    return { kind: 'resubmission-window-closes', dueAt: caseDayStart(addDays(state.resubmitBy, 1), qrbAgency(state), daysIn) };
  return null;
};

/** The system command a timer executes when it fires at `at`. */
export const qrbTimerCommand = (timer: QrbTimer, at: string): QrbCommand =>
  timer.kind === 'vote-reminder' ? { type: 'RemindQrbVoters', at, actor: SYSTEM_ACTOR } : { type: 'CloseQrbResubmissionWindow', at, actor: SYSTEM_ACTOR };

/** The causation id the workflow gives the timer's events. */
export const qrbTimerId = (timer: QrbTimer): string =>
  timer.kind === 'vote-reminder' ? `vote-reminder-${timer.round}-${timer.reminder}` : 'resubmission-window';
