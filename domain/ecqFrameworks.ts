import { z } from 'zod';

/**
 * Executive Core Qualifications as dated frameworks (SES-RULES §7). A case keeps
 * the framework it was submitted under, so old cases replay with their own ECQs.
 */
export const EcqFrameworkIdSchema = z.enum(['ecq-2006', 'ecq-2025']);
export type EcqFrameworkId = z.infer<typeof EcqFrameworkIdSchema>;

export const ECQ_FRAMEWORKS: Record<EcqFrameworkId, { effectiveFrom: string; ecqs: readonly string[] }> = {
  // Springer memo 2006-07-07, effective 2006-10-01.
  'ecq-2006': {
    effectiveFrom: '2006-10-01',
    ecqs: ['leading-change', 'leading-people', 'results-driven', 'business-acumen', 'building-coalitions'],
  },
  // OPM memo 2025-05-29, in effect 2025-10-01.
  'ecq-2025': {
    effectiveFrom: '2025-10-01',
    ecqs: ['commitment-to-rule-of-law-and-founding-principles', 'driving-efficiency', 'merit-and-competence', 'leading-people', 'achieving-results'],
  },
};

export const ecqsOf = (framework: EcqFrameworkId): readonly string[] => ECQ_FRAMEWORKS[framework].ecqs;
