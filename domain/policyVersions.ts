import { z } from 'zod';
import type { EcqFrameworkId } from './ecqFrameworks';

/**
 * Rule parameters as dated data (ARCHITECTURE rule 6). A case pins the version in
 * force when it started, in its first event; replay uses that version. Defaults
 * and sources: ../shared/domain/SES-RULES.md §1 and §9.
 */
export interface QrbPolicy {
  /** 3 members [S]. */
  boardSize: number;
  /** Members do not review candidates from their own agency [S]. */
  excludeCandidateAgency: boolean;
  /** Each member from a different agency [S]. */
  distinctMemberAgencies: boolean;
  /** Days after the board convenes before members who have not voted are reminded, and between reminders. */
  voteReminderAfterDays: number;
  ecqFramework: EcqFrameworkId;
  /** What a Criterion A case must carry under this policy. */
  criterionAEvidence: 'ecq-narratives' | 'resume-and-interview';
}

export interface PolicyVersion {
  id: string;
  effectiveFrom: string;
  summary: string;
  qrb: QrbPolicy;
}

const qrb2008: QrbPolicy = {
  boardSize: 3,
  excludeCandidateAgency: true,
  distinctMemberAgencies: true,
  voteReminderAfterDays: 7,
  ecqFramework: 'ecq-2006',
  criterionAEvidence: 'ecq-narratives',
};

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    id: 'ses-2008-01-01',
    effectiveFrom: '2008-01-01',
    summary: 'ECQ 2006 framework; Criterion A by ECQ narratives',
    qrb: qrb2008,
  },
  {
    id: 'ses-2025-05-29',
    effectiveFrom: '2025-05-29',
    summary: 'OPM memo 2025-05-29: resume and structured interview replace ECQ narratives',
    qrb: { ...qrb2008, criterionAEvidence: 'resume-and-interview' },
  },
  {
    id: 'ses-2025-10-01',
    effectiveFrom: '2025-10-01',
    summary: 'ECQ 2025 framework in effect',
    qrb: { ...qrb2008, criterionAEvidence: 'resume-and-interview', ecqFramework: 'ecq-2025' },
  },
];

export const PolicyVersionIdSchema = z.enum(POLICY_VERSIONS.map((p) => p.id) as [string, ...string[]]);

export const policyById = (id: string): PolicyVersion => {
  const policy = POLICY_VERSIONS.find((p) => p.id === id);
  if (!policy) throw new Error(`unknown policy version "${id}"; known: ${POLICY_VERSIONS.map((p) => p.id).join(', ')}`);
  return policy;
};

/** The latest version whose effectiveFrom is on or before the given ISO date or instant. */
export const policyInForceOn = (isoDateOrInstant: string): PolicyVersion => {
  const day = isoDateOrInstant.slice(0, 10);
  const inForce = POLICY_VERSIONS.filter((p) => p.effectiveFrom <= day).at(-1);
  if (!inForce) throw new Error(`no policy version is in force on ${day}; the earliest starts ${POLICY_VERSIONS[0]?.effectiveFrom}`);
  return inForce;
};
