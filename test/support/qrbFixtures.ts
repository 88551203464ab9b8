import { ecqsOf, type EcqFrameworkId } from '../../domain/ecqFrameworks';
import type { QrbBoardAssignment, QrbCommand, QrbSubmission } from '../../domain/qrb';

/** A valid Criterion A submission under the 2025 policy (resume and interview, ECQ 2025). */
export const submission = (overrides: Partial<QrbSubmission> = {}): QrbSubmission => ({
  caseId: 'QRB-2026-0001',
  candidate: { name: 'Jordan Rivera', agency: 'DOE' },
  position: { title: 'Deputy Assistant Secretary for Grid Security', agency: 'DOE' },
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

export const AT = '2026-03-02T14:00:00.000Z';

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
