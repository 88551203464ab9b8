import type Database from 'better-sqlite3';
import { z } from 'zod';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import { addDays, daysBetween } from '../../domain/calendar';
import type { OnboardingState } from '../../domain/onboarding';
import type { ProbationState } from '../../domain/probation';

const AsOfSchema = z.iso.datetime({ offset: true });

export interface QrbDecisionTime {
  stream: string;
  caseId: string;
  agency: string;
  criterion: string;
  round: number;
  submittedAt: string;
  decidedAt: string;
  outcome: 'APPROVED' | 'DISAPPROVED';
  /** Calendar days of the case's agency from the round's submission to its decision. */
  days: number;
}

export interface QrbDecisionTimes {
  rounds: QrbDecisionTime[];
  summary: { count: number; meanDays: number | null; medianDays: number | null };
}

const median = (sorted: readonly number[]): number | null => {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Time from submission (or resubmission) to the board's decision, for every decided round, in order of decision. */
export const timeToQrbDecision = (db: Database.Database): QrbDecisionTimes => {
  const rounds = db
    .prepare<[], Omit<QrbDecisionTime, 'days'>>(
      `SELECT stream, case_id AS caseId, agency, criterion, round, submitted_at AS submittedAt, decided_at AS decidedAt, outcome
       FROM qrb_rounds WHERE decided_at IS NOT NULL ORDER BY decided_at, stream, round`,
    )
    .all()
    .map((r) => ({ ...r, days: daysBetween(agencyDateOf(r.submittedAt, r.agency), agencyDateOf(r.decidedAt, r.agency)) }));
  const days = rounds.map((r) => r.days).sort((a, b) => a - b);
  const meanDays = days.length === 0 ? null : days.reduce((sum, d) => sum + d, 0) / days.length;
  return { rounds, summary: { count: days.length, meanDays, medianDays: median(days) } };
};

export interface EcqApprovalRate {
  ecq: string;
  /** Member ratings over every decided round. */
  meets: number;
  doesNotMeet: number;
  /** meets / (meets + doesNotMeet). */
  meetsRate: number;
  /** Decided rounds in which the ECQ had a majority, and in which it did not. */
  roundsPassed: number;
  roundsFailed: number;
}

/** Per ECQ, how members rated it and how often it passed, over every decided round; ECQs of both frameworks. */
export const ecqApprovalRates = (db: Database.Database): EcqApprovalRate[] =>
  db
    .prepare<[], Omit<EcqApprovalRate, 'meetsRate'>>(
      `SELECT ecq, SUM(meets) AS meets, SUM(does_not_meet) AS doesNotMeet, SUM(passed) AS roundsPassed, COUNT(*) - SUM(passed) AS roundsFailed
       FROM qrb_ecq_results GROUP BY ecq ORDER BY ecq`,
    )
    .all()
    .map((r) => ({ ...r, meetsRate: r.meets / (r.meets + r.doesNotMeet) }));

/** The folded states of the cases of one process, by stream: every case, or only the open ones. */
export const caseStates = <S>(db: Database.Database, process: string, { openOnly }: { openOnly: boolean }): { stream: string; state: S }[] =>
  db
    .prepare<[string], { stream: string; state: string }>(
      `SELECT s.stream, s.state FROM cases c JOIN case_state s USING (stream) WHERE c.process = ? ${openOnly ? 'AND c.terminal = 0' : ''} ORDER BY s.stream`,
    )
    .all(process)
    .map((row) => ({ stream: row.stream, state: JSON.parse(row.state) as S }));

export interface OverdueMilestone {
  stream: string;
  caseId: string;
  agency: string;
  executiveId: string;
  milestoneId: string;
  title: string;
  owner: string;
  /** The assigned supervisor for a supervisor's milestone; null for an office's, or before the assignment. */
  ownerId: string | null;
  dueOn: string;
  daysOverdue: number;
  escalated: boolean;
}

/** Milestones of running onboarding programs still unconfirmed after their due date, longest overdue first. */
export const overdueOnboardingMilestones = (db: Database.Database, asOf: string): OverdueMilestone[] => {
  const now = AsOfSchema.parse(asOf);
  return caseStates<OnboardingState>(db, 'onboarding', { openOnly: true })
    .flatMap(({ stream, state }) => {
      const today = agencyDateOf(now, state.agency);
      return state.milestones
        .filter((m) => m.confirmation === null && m.dueDate < today)
        .map((m) => ({
          stream,
          caseId: state.caseId!,
          agency: state.agency!,
          executiveId: state.executiveId!,
          milestoneId: m.id,
          title: m.title,
          owner: m.owner,
          ownerId: m.owner === 'supervisor' ? state.supervisorId : null,
          dueOn: m.dueDate,
          daysOverdue: daysBetween(m.dueDate, today),
          escalated: m.escalatedAt !== null,
        }));
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.stream.localeCompare(b.stream));
};

export interface ProbationNearEnd {
  stream: string;
  caseId: string;
  agency: string;
  executiveId: string;
  supervisorId: string;
  appointingAuthorityId: string;
  status: string;
  endDate: string;
  daysLeft: number;
  assessed: boolean;
  certified: boolean;
}

/** Probationary periods still running whose end date falls from asOf's date through `withinDays` later, soonest first. */
export const probationsNearEnd = (db: Database.Database, asOf: string, withinDays = 90): ProbationNearEnd[] => {
  const now = AsOfSchema.parse(asOf);
  const within = z.number().int().nonnegative().parse(withinDays);
  return caseStates<ProbationState>(db, 'probation', { openOnly: true })
    .map(({ stream, state }) => ({ stream, state, today: agencyDateOf(now, state.agency) }))
    .filter(({ state, today }) => state.status !== 'CERTIFICATION_OVERDUE' && state.endDate! >= today && state.endDate! <= addDays(today, within))
    .map(({ stream, state, today }) => ({
      stream,
      caseId: state.caseId!,
      agency: state.agency!,
      executiveId: state.executiveId!,
      supervisorId: state.supervisorId!,
      appointingAuthorityId: state.appointingAuthorityId!,
      status: state.status,
      endDate: state.endDate!,
      daysLeft: daysBetween(today, state.endDate!),
      assessed: state.assessments.length > 0,
      certified: state.certification !== null,
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.stream.localeCompare(b.stream));
};
