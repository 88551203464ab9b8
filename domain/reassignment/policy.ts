/**
 * SES-RULES §6 as dated policy: the notice periods of 5 U.S.C. 3395(a)(2) and the 120-day moratorium of
 * 3395(e) with the detail days that do not count toward it. Calendar days, counted in the agency's days.
 */
export interface ReassignmentPolicy {
  /** Written notice at least this many days before the effective date, within the commuting area (not waivable). */
  commutingAreaNoticeDays: number;
  /** Outside the commuting area, after the consultation: waivable by the executive's written consent. */
  outsideCommutingAreaNoticeDays: number;
  /** No involuntary reassignment within this many days after a new agency head or new noncareer supervisor. */
  moratoriumDays: number;
  /** Days on detail or temporary assignment that do not count toward the moratorium, at most. */
  maxDetailDaysNotCounted: number;
}

export const reassignment: ReassignmentPolicy = {
  commutingAreaNoticeDays: 15,
  outsideCommutingAreaNoticeDays: 60,
  moratoriumDays: 120,
  maxDetailDaysNotCounted: 60,
};
