/**
 * SES-RULES §5: the annual appraisal's rule parameters as dated policy. The appraisal helper
 * fills this in: the ECQ-based elements for older periods, the 2025 elements and weights, the
 * Level 4-5 cap from FY2026, the 90-day minimum period, the 120-day transition freeze.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppraisalPolicy {}

export const appraisalBefore2025: AppraisalPolicy = {};

export const appraisalFrom2025: AppraisalPolicy = {};
