/** SES-RULES §6: reassignment notice periods and the 120-day moratorium as dated policy (filled in by the reassignment helper). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReassignmentPolicy {}

export const reassignment: ReassignmentPolicy = {};
