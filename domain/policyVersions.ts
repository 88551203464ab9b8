import { z } from 'zod';
import { refuse, type Decision } from './domainError';
import { appraisalBefore2025, appraisalFrom2025, type AppraisalPolicy } from './appraisal/policy';
import type { EcqFrameworkId } from './ecqFrameworks';
import { reassignment, type ReassignmentPolicy } from './reassignment/policy';
import type { Role } from './roles';

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
  /** Days from the vacancy announcement's close to submission (90 from ~2008, 80 from 2025-05-29). */
  submissionWindowDays: number;
  /** Days from a disapproval's return within which the case may be resubmitted [C, ~2008 memo]. */
  resubmissionWindowDays: number;
  /** Resubmissions allowed per selection (project default, SES-RULES §9). */
  maxResubmissions: number;
}

/** Acting officials (domain/delegation). */
export interface DelegationPolicy {
  /**
   * The longest a delegation runs, both days counted: acting for an official is a detail, and
   * details run at most 120 days at a time (5 U.S.C. 3341(b)). Longer cover is a new grant.
   */
  maxDays: number;
}

/** SES-RULES §2 and §9: milestones anchored on the appointment's effective date (day 0). */
export interface OnboardingPolicy {
  milestones: readonly { id: string; title: string; dueDay: number; owner: Role }[];
  /** Days after a missed due date before the executive-resources office is alerted. */
  escalationAfterDays: number;
}

/** SES-RULES §3 and §9: the GS-15 rotation pilot. */
export interface RotationPolicy {
  rotationMonths: number;
  maxExtensionMonths: number;
  /** Pay plan and grade the pilot takes, e.g. GS-15 and its equivalents such as GM-15. */
  eligibleGrades: readonly string[];
  minMonthsFullTimeService: number;
  /**
   * "Last rating exceeds or higher", per rating pattern: the lowest level (1 = unsatisfactory, up to the
   * pattern's top) that qualifies, keyed by the pattern's number of summary levels; null: no level of that
   * pattern shows it (a pass/fail rating never exceeds fully successful).
   */
  minLastRatingLevel: Readonly<Record<2 | 3 | 4 | 5, number | null>>;
  requireCareerTenure: boolean;
}

/** SES-RULES §4 and §9. */
export interface ProbationPolicy {
  lengthYears: number;
  /** Nonpay days that still count; each day beyond extends the end date day for day. */
  nonpayDaysCounted: number;
  reminderDaysBeforeEnd: readonly number[];
  /** No removal within this many days after a new agency head or noncareer supervisor (5 CFR 359.406). */
  removalMoratoriumDays: number;
}

export interface PolicyVersion {
  id: string;
  effectiveFrom: string;
  summary: string;
  /** A what-if version is never chosen by date; only an explicit replay or start uses it. */
  whatIf?: boolean;
  qrb: QrbPolicy;
  delegation: DelegationPolicy;
  onboarding: OnboardingPolicy;
  rotation: RotationPolicy;
  probation: ProbationPolicy;
  appraisal: AppraisalPolicy;
  reassignment: ReassignmentPolicy;
}

const qrb2008: QrbPolicy = {
  boardSize: 3,
  excludeCandidateAgency: true,
  distinctMemberAgencies: true,
  voteReminderAfterDays: 7,
  ecqFramework: 'ecq-2006',
  criterionAEvidence: 'ecq-narratives',
  submissionWindowDays: 90,
  resubmissionWindowDays: 60,
  maxResubmissions: 1,
};

const qrb2025: QrbPolicy = { ...qrb2008, criterionAEvidence: 'resume-and-interview', submissionWindowDays: 80 };

const onboarding: OnboardingPolicy = {
  milestones: [
    { id: 'pre-boarding', title: 'Pre-boarding: forms, materials, position briefing', dueDay: 0, owner: 'executive-resources-office' },
    { id: 'supervisor-and-mentor-assigned', title: 'Supervisor and mentor or coach assigned', dueDay: 0, owner: 'supervisor' },
    { id: 'first-week', title: 'First week: processing, leadership welcome, critical-issue briefings', dueDay: 7, owner: 'supervisor' },
    { id: 'day-30', title: 'First 30 days: role and responsibilities clarified', dueDay: 30, owner: 'supervisor' },
    { id: 'executive-development-plan', title: 'Executive development plan in place', dueDay: 90, owner: 'supervisor' },
    { id: 'day-90', title: 'First 90 days: on-the-job competence, early feedback', dueDay: 90, owner: 'supervisor' },
    { id: 'month-6', title: 'Month 6: further feedback', dueDay: 182, owner: 'supervisor' },
    { id: 'month-9', title: 'Month 9: plan the future', dueDay: 273, owner: 'supervisor' },
    { id: 'year-1', title: 'Year 1: development reviewed, goals discussed', dueDay: 365, owner: 'supervisor' },
  ],
  escalationAfterDays: 14,
};

const rotation: RotationPolicy = {
  rotationMonths: 6,
  maxExtensionMonths: 3,
  // GM-15: the General Schedule's grade 15 under a performance-management pay plan, "or equivalent" (SES-RULES §3).
  eligibleGrades: ['GS-15', 'GM-15'],
  minMonthsFullTimeService: 18,
  // Five levels: 4 is "exceeds fully successful". Four (1, 3, 4, 5 of 430.208(d)): its third level is
  // "exceeds". Three (1, 3, 5): only its top, "outstanding", is above fully successful. Pass/fail: none.
  minLastRatingLevel: { 5: 4, 4: 3, 3: 3, 2: null },
  requireCareerTenure: true,
};

const probation: ProbationPolicy = {
  lengthYears: 1,
  nonpayDaysCounted: 30,
  reminderDaysBeforeEnd: [90, 30],
  removalMoratoriumDays: 120,
};

const delegation: DelegationPolicy = { maxDays: 120 };

const processes = { delegation, onboarding, rotation, probation, appraisal: appraisalBefore2025, reassignment };

// The FY2026 appraisal cycle (OPM memo 2025-02-25) starts with the policy of 2025-10-01.
const processes2025 = { ...processes, appraisal: appraisalFrom2025 };

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    id: 'ses-2008-01-01',
    effectiveFrom: '2008-01-01',
    summary: 'ECQ 2006 framework; Criterion A by ECQ narratives',
    qrb: qrb2008,
    ...processes,
  },
  {
    id: 'ses-2025-05-29',
    effectiveFrom: '2025-05-29',
    summary: 'OPM memo 2025-05-29: resume and structured interview replace ECQ narratives',
    qrb: qrb2025,
    ...processes,
  },
  {
    id: 'ses-2025-10-01',
    effectiveFrom: '2025-10-01',
    summary: 'ECQ 2025 framework in effect',
    qrb: { ...qrb2025, ecqFramework: 'ecq-2025' },
    ...processes2025,
  },
  {
    // Proposed for the SES several times (H.R. 3023, 2016; EQUALS Act, 2017), never enacted.
    id: 'what-if-2yr-probation',
    effectiveFrom: '2025-10-01',
    summary: 'What-if only: the proposed 2-year SES probation on top of the current rules',
    whatIf: true,
    qrb: { ...qrb2025, ecqFramework: 'ecq-2025' },
    ...processes2025,
    probation: { ...probation, lengthYears: 2 },
  },
  {
    // The agency-wide appraisal view's what-if: the FY2026 rules as they are, but no Level 4-5 cap.
    id: 'what-if-no-rating-cap',
    effectiveFrom: '2025-10-01',
    summary: 'What-if only: the current rules without the 30% cap on Level 4-5 appraisal ratings (OPM memo 2025-02-25)',
    whatIf: true,
    qrb: { ...qrb2025, ecqFramework: 'ecq-2025' },
    ...processes2025,
    appraisal: { ...appraisalFrom2025, highRatingCap: null },
  },
];

export const PolicyVersionIdSchema = z.enum(POLICY_VERSIONS.map((p) => p.id) as [string, ...string[]]);

export const policyById = (id: string): PolicyVersion => {
  const policy = POLICY_VERSIONS.find((p) => p.id === id);
  if (!policy) throw new Error(`unknown policy version "${id}"; known: ${POLICY_VERSIONS.map((p) => p.id).join(', ')}`);
  return policy;
};

/** The latest version (what-if ones aside) in force on an agency-local date (an instant's own date part is taken as it is), or null before the first. */
export const policyInForceOn = (localDate: string): PolicyVersion | null =>
  POLICY_VERSIONS.filter((p) => !p.whatIf && p.effectiveFrom <= localDate.slice(0, 10)).at(-1) ?? null;

/** The date the first policy version takes effect: no case starts before it. */
export const EARLIEST_POLICY_DATE = POLICY_VERSIONS.reduce((earliest, p) => (p.effectiveFrom < earliest ? p.effectiveFrom : earliest), '9999-12-31');

/**
 * The policy a case starts under: the version the command names (what-if replay) or the one in force on
 * `localDate`, the agency's date of the start that the rules then check. Either is a refusal when there is
 * none: `<rulePrefix>.unknown-policy-version` (field policyVersion), `<rulePrefix>.before-first-policy` (field at).
 */
export const policyForStart = (
  rulePrefix: string,
  chosen: string | undefined,
  localDate: string,
): { ok: true; policy: PolicyVersion } | { ok: false; refusal: Decision<never> } => {
  if (chosen !== undefined) {
    const policy = POLICY_VERSIONS.find((p) => p.id === chosen);
    if (policy) return { ok: true, policy };
    const known = POLICY_VERSIONS.map((p) => p.id).join(', ');
    return {
      ok: false,
      refusal: refuse('invalid', `${rulePrefix}.unknown-policy-version`, `unknown policy version "${chosen}"; known: ${known}`, 'policyVersion'),
    };
  }
  const policy = policyInForceOn(localDate);
  if (policy) return { ok: true, policy };
  return {
    ok: false,
    refusal: refuse(
      'invalid',
      `${rulePrefix}.before-first-policy`,
      `no policy version is in force on ${localDate}; the earliest takes effect ${EARLIEST_POLICY_DATE}`,
      'at',
    ),
  };
};
