import { z } from 'zod';

/**
 * What a case carries to the board, by criterion and policy (SES-RULES §1, §9):
 * Criterion A by ECQ narratives (before 2025-05-29) or resume and structured
 * interview (after); B by the CDP certificate; C by justification and development plan.
 */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const EcqNarrativesSchema = z.object({
  kind: z.literal('ecq-narratives'),
  /** One narrative per ECQ of the case's framework. */
  narratives: z.record(z.string(), text(40_000)),
});

export const ResumeAndInterviewSchema = z.object({
  kind: z.literal('resume-and-interview'),
  /** The 2-page resume, as text. */
  resume: text(12_000),
});

export const CdpCertificateSchema = z.object({
  kind: z.literal('cdp-certificate'),
  programName: text(200),
  certificateId: text(100),
  completedOn: z.iso.date(),
});

export const CriterionCJustificationSchema = z.object({
  kind: z.literal('criterion-c-justification'),
  justification: text(40_000),
  developmentPlan: text(40_000),
});

export const EvidenceSchema = z.discriminatedUnion('kind', [
  EcqNarrativesSchema,
  ResumeAndInterviewSchema,
  CdpCertificateSchema,
  CriterionCJustificationSchema,
]);
export type Evidence = z.infer<typeof EvidenceSchema>;
export type EvidenceKind = Evidence['kind'];
