import { agencyDateOf } from '../../domain/agencyTimeZones';
import { addDays } from '../../domain/calendar';
import { ecqsOf, type EcqFrameworkId } from '../../domain/ecqFrameworks';
import { submissionOnRecord, type QrbBoardAssignment, type QrbCommand, type QrbEvent, type QrbSubmission } from '../../domain/qrb';

/** Decider tests run at a fixed instant; workflow tests at the servers' real now, so dates derive from it. */
export const AT = new Date().toISOString();
/** The date of an instant in the fixtures' agency (DOE: Washington's days), as the QRB rules count it. */
export const caseDate = (iso: string): string => agencyDateOf(iso, 'DOE');
/** The DOE date `days` days before an instant's. */
export const daysBefore = (iso: string, days: number): string => addDays(caseDate(iso), -days);

/** A valid Criterion A submission under the policy in force now, announcement closed 10 days ago. */
export const submission = (overrides: Partial<QrbSubmission> = {}): QrbSubmission => ({
  caseId: 'QRB-2026-0001',
  candidate: { name: 'Jordan Rivera', agency: 'DOE' },
  position: { title: 'Deputy Assistant Secretary for Grid Security', agency: 'DOE', announcementClosedOn: daysBefore(AT, 10) },
  criterion: 'A',
  evidence: { kind: 'resume-and-interview', resume: 'Twelve years leading national grid programmes.' },
  submittedBy: 'hr-ana',
  selectingOfficialId: 'sel-omar',
  ...overrides,
});

export const board = (): QrbBoardAssignment => ({
  convenedBy: 'opm-kim',
  members: [
    { id: 'm-lee', agency: 'HHS', appointment: 'career', priorQrbExperience: true },
    { id: 'm-patel', agency: 'DOT', appointment: 'career', priorQrbExperience: false },
    { id: 'm-chen', agency: 'USDA', appointment: 'noncareer', priorQrbExperience: false },
  ],
});

export const allRatings = (framework: EcqFrameworkId, rating: 'meets' | 'does-not-meet' = 'meets'): Record<string, 'meets' | 'does-not-meet'> =>
  Object.fromEntries(ecqsOf(framework).map((ecq) => [ecq, rating]));

export const submitCommand = (s: QrbSubmission = submission(), at = AT): QrbCommand => ({
  type: 'SubmitQrbCase',
  at,
  actor: { id: s.submittedBy, role: 'hr-specialist' },
  submission: s,
});

export const conveneCommand = (assignment: QrbBoardAssignment = board(), at = AT): QrbCommand => ({
  type: 'ConveneQrbBoard',
  at,
  actor: { id: assignment.convenedBy, role: 'opm-qrb-staff' },
  assignment,
});

export const voteCommand = (memberId: string, ratings: Record<string, 'meets' | 'does-not-meet'>, at = AT): QrbCommand => ({
  type: 'CastQrbVote',
  at,
  actor: { id: memberId, role: 'qrb-member' },
  vote: { memberId, ratings },
});

// The same steps as the events they leave, for decider specifications (given these events, when a command, then ...).

/** Submitted under the policy in force now: ses-2025-10-01, with the 2025 ECQs. */
export const qrbSubmitted = (s: QrbSubmission = submission(), at = AT): QrbEvent => ({
  type: 'QrbCaseSubmitted',
  data: { submission: submissionOnRecord(s), policyVersion: 'ses-2025-10-01', ecqFramework: 'ecq-2025' },
  occurredAt: at,
});

export const qrbConvened = (assignment: QrbBoardAssignment = board(), at = AT): QrbEvent => ({
  type: 'QrbBoardConvened',
  data: { convenedBy: assignment.convenedBy, members: assignment.members },
  occurredAt: at,
});

export const qrbVoteCast = (memberId: string, ratings: Record<string, 'meets' | 'does-not-meet'>, at = AT): QrbEvent => ({
  type: 'QrbVoteCast',
  data: { memberId, ratings },
  occurredAt: at,
});

/** HR's record of an approved case's appointment (the API's body), effective two weeks from the wall clock. */
export const appointmentOf = (caseId: string) => ({
  recordedBy: 'hr-ana',
  appointmentId: `${caseId}-APPT`,
  executiveId: 'ex-rivera',
  effectiveDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  priorTenure: 'career',
});
