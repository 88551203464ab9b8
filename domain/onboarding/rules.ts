import { caseDayStart } from '../agencyTimeZones';
import { addDays, daysBetween } from '../calendar';
import type { OnboardingPolicy } from '../policyVersions';
import type { OnboardingSummary, PinnedMilestone } from './events';
import type { OnboardingMilestone } from './state';

/** A milestone's due date: the appointment's effective date (day 0) plus its policy dueDay. */
export const milestoneDueDate = (appointmentEffectiveDate: string, dueDay: number): string => addDays(appointmentEffectiveDate, dueDay);

/** The policy's milestones, pinned with their due dates, in policy order. */
export const pinMilestones = (appointmentEffectiveDate: string, policy: OnboardingPolicy): PinnedMilestone[] =>
  policy.milestones.map((m) => ({ id: m.id, title: m.title, dueDay: m.dueDay, dueDate: milestoneDueDate(appointmentEffectiveDate, m.dueDay), owner: m.owner }));

/** The milestone whose confirmation completes the program: the last one due (year 1). */
export const completingMilestone = <M extends { id: string; dueDay: number }>(milestones: readonly M[]): M =>
  milestones.reduce((last, m) => (m.dueDay >= last.dueDay ? m : last));

/** The milestone the assignment of the supervisor and mentor or coach confirms (SES-RULES §2: assigned by day 0). */
export const ASSIGNMENT_MILESTONE_ID = 'supervisor-and-mentor-assigned';

/** A missed due date: the first instant after it (the start of the agency's next day; UTC's for a case that counts UTC days), when the reminder fires. */
export const overdueAt = (dueDate: string, agency: string | null, daysIn?: 'UTC'): string => caseDayStart(addDays(dueDate, 1), agency, daysIn);

/** The day an unconfirmed milestone is escalated: `escalationAfterDays` days after it became overdue. */
export const escalationDate = (dueDate: string, escalationAfterDays: number): string => addDays(dueDate, 1 + escalationAfterDays);

/** When an unconfirmed milestone is escalated: the start of the agency's escalation day (UTC's for a case that counts UTC days). */
export const escalationAt = (dueDate: string, escalationAfterDays: number, agency: string | null, daysIn?: 'UTC'): string =>
  caseDayStart(escalationDate(dueDate, escalationAfterDays), agency, daysIn);

/** Late when confirmed on a calendar day of the agency after the due date; daysLate counts those days. */
export const lateness = (dueDate: string, confirmedOn: string): { late: boolean; daysLate: number } => {
  const daysLate = Math.max(0, daysBetween(dueDate, confirmedOn));
  return { late: daysLate > 0, daysLate };
};

/**
 * The summary at completion or end: every milestone in exactly one list, in policy
 * order; on time = confirmed on or before its due date, late = confirmed after it,
 * never confirmed = no confirmation when the program completed or ended.
 */
export const onboardingSummary = (milestones: readonly OnboardingMilestone[]): OnboardingSummary => ({
  onTime: milestones.filter((m) => m.confirmation && !m.confirmation.late).map((m) => m.id),
  late: milestones.filter((m) => m.confirmation?.late).map((m) => m.id),
  neverConfirmed: milestones.filter((m) => !m.confirmation).map((m) => m.id),
});
