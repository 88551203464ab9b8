import { addDays, daysBetween } from '../calendar';
import { moratoriumUntil } from '../leadershipMoratorium';
import type { ReassignmentTrigger } from './commands';
import type { MoratoriumException } from './events';
import type { ReassignmentPolicy } from './policy';
import type { LeadershipClock, ReassignmentState } from './state';

/** The agency days one 120-day clock blocks an involuntary reassignment: from the trigger date through `until`, both inclusive. */
export interface MoratoriumBlock {
  trigger: ReassignmentTrigger;
  effectiveDate: string;
  until: string;
}

/** Days of the detail periods (both ends inclusive) that fall within [from, to]. */
export const detailDaysWithin = (details: readonly { from: string; to: string }[], from: string, to: string): number =>
  details.reduce((sum, d) => {
    const first = d.from > from ? d.from : from;
    const last = d.to < to ? d.to : to;
    return sum + Math.max(0, daysBetween(first, last) + 1);
  }, 0);

/**
 * One clock's block (3395(e)): `moratoriumDays` after the trigger, pushed back by the detail or
 * temporary-assignment days within those days, at most `maxDetailDaysNotCounted` of them (3395(e)(3)).
 */
export const blockOf = (
  clock: Pick<LeadershipClock, 'trigger' | 'effectiveDate'>,
  details: readonly { from: string; to: string }[],
  policy: ReassignmentPolicy,
): MoratoriumBlock => {
  const detailDays = detailDaysWithin(details, clock.effectiveDate, moratoriumUntil(clock.effectiveDate, policy.moratoriumDays));
  return {
    trigger: clock.trigger,
    effectiveDate: clock.effectiveDate,
    until: moratoriumUntil(clock.effectiveDate, policy.moratoriumDays, detailDays, policy.maxDetailDaysNotCounted),
  };
};

type ExceptionFacts = Pick<ReassignmentState, 'kind' | 'followsUnsatisfactoryRating' | 'disciplinaryActionBegunOn'>;

/** Why a clock does not hold this reassignment back, or null when it does (3395(e)(2); voluntary moves are outside 3395(e)). */
export const exceptionFor = (facts: ExceptionFacts, clock: Pick<LeadershipClock, 'effectiveDate'>): MoratoriumException | null => {
  if (facts.kind === 'voluntary') return 'voluntary';
  if (facts.followsUnsatisfactoryRating !== null) return 'follows-unsatisfactory-rating';
  if (facts.disciplinaryActionBegunOn !== null && facts.disciplinaryActionBegunOn < clock.effectiveDate) return 'discipline-begun-before-trigger';
  return null;
};

/** The blocks that hold this executive's reassignment back: every clock's, less the excepted ones. */
export const blocksHolding = (state: ExceptionFacts & Pick<ReassignmentState, 'clocks' | 'details'>, policy: ReassignmentPolicy): MoratoriumBlock[] =>
  state.clocks.filter((clock) => exceptionFor(state, clock) === null).map((clock) => blockOf(clock, state.details, policy));

/** The exceptions that set a clock aside for this case (each once). */
export const exceptionsApplied = (state: ExceptionFacts & Pick<ReassignmentState, 'clocks'>): MoratoriumException[] => {
  const own =
    state.kind === 'voluntary' ? ['voluntary' as const] : state.followsUnsatisfactoryRating !== null ? ['follows-unsatisfactory-rating' as const] : [];
  const byClock = state.clocks.map((clock) => exceptionFor(state, clock)).filter((e): e is MoratoriumException => e !== null);
  return [...new Set([...own, ...byClock])];
};

/**
 * Whether `effectiveDate` falls in a block, and if so until when: the last blocked day and the
 * earliest effective date, the first day outside every block (overlapping clocks run on from one to the next).
 */
export const moratoriumOn = (
  blocks: readonly MoratoriumBlock[],
  effectiveDate: string,
): { blocking: MoratoriumBlock[]; blockedUntil: string; earliestEffectiveDate: string } | null => {
  const holding = (date: string) => blocks.filter((b) => b.effectiveDate <= date && date <= b.until);
  let blocking = holding(effectiveDate);
  if (blocking.length === 0) return null;
  const all = [...blocking];
  let earliest = effectiveDate;
  while (blocking.length > 0) {
    earliest = addDays(
      blocking.reduce((last, b) => (b.until > last ? b.until : last), earliest),
      1,
    );
    blocking = holding(earliest);
    all.push(...blocking.filter((b) => !all.includes(b)));
  }
  return { blocking: all, blockedUntil: addDays(earliest, -1), earliestEffectiveDate: earliest };
};

/** Whole days from the notice to the effective date (the notice day not counted, the effective day counted). */
export const noticeDaysOf = (noticeDate: string, effectiveDate: string): number => daysBetween(noticeDate, effectiveDate);

/** The notice the case needs: 15 days within the commuting area (never waived), 60 outside unless the executive consented in writing. */
export const requiredNoticeDays = (policy: ReassignmentPolicy, withinCommutingArea: boolean, waived: boolean): number =>
  withinCommutingArea ? policy.commutingAreaNoticeDays : waived ? 0 : policy.outsideCommutingAreaNoticeDays;

const TRIGGER_WORDS: Record<ReassignmentTrigger, string> = {
  'new-agency-head': 'a new agency head',
  'new-noncareer-supervisor': 'a new noncareer supervisor',
};

/** A refusal's or notice's words for the blocks: "a new agency head on 2026-03-02 (blocked through 2026-06-30)". */
export const blocksInWords = (blocks: readonly Pick<MoratoriumBlock, 'trigger' | 'effectiveDate' | 'until'>[]): string =>
  blocks.map((b) => `${TRIGGER_WORDS[b.trigger]} on ${b.effectiveDate} (blocked through ${b.until})`).join(' and ');
