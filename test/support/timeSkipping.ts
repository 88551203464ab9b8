import * as assert from 'uvu/assert';
import { agencyDateOf } from '../../domain/agencyTimeZones';
import { dateOf } from '../../domain/calendar';
import type { TestStack } from './testStack';

/** Time on the time-skipping server, which runs ahead of the wall clock as tests skip. */
export const nowMs = (stack: TestStack): Promise<number> => stack.env.currentTimeMs();
/**
 * Today on the server's clock as the agency's calendar counts it (DOE's, America/New_York, unless
 * named), as the deciders count days: the UTC date runs a day ahead of it for hours every evening.
 */
export const today = async (stack: TestStack, agency = 'DOE'): Promise<string> => agencyDateOf(new Date(await nowMs(stack)).toISOString(), agency);
/** Midnight UTC of a date: where a case that counts UTC days (one started before days were the agency's) fires its date-anchored timers. */
export const startOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);
/** Today on the server's clock in UTC days, as a case started before days were the agency's counts them. */
export const utcToday = async (stack: TestStack): Promise<string> => dateOf(new Date(await nowMs(stack)).toISOString());

/** Sleeps (skipping time) until the given instant; nothing when it has passed. */
export const sleepUntil = async (stack: TestStack, instantMs: number): Promise<void> => {
  const wait = instantMs - (await nowMs(stack));
  if (wait > 0) await stack.env.sleep(wait);
};

/** A timer's event happened within a minute after its instant (task latency, never early). */
export const firedAt = (iso: string | null | undefined, dueMs: number, what: string): void => {
  const ms = Date.parse(iso ?? 'x');
  assert.ok(ms >= dueMs && ms < dueMs + 60_000, `${what} at ${iso}, due ${new Date(dueMs).toISOString()}`);
};

/** How long a started case may take to record its first event: generous, as a test file may share the machine with a browser and a fault run. */
const FIRST_EVENT_WITHIN_MS = 30_000;

/**
 * A start returns once the workflow exists; its first event is appended moments later. The state once
 * it is, i.e. once the status is no longer `before` (the process's initial status: NOT_STARTED, or a
 * rotation's NOT_OPENED); fails naming the case if that takes longer than FIRST_EVENT_WITHIN_MS.
 */
export const startedState = async <S extends { status: string }>(
  cases: { status(caseId: string): Promise<S> },
  caseId: string,
  before = 'NOT_STARTED',
): Promise<S> => {
  for (const deadline = Date.now() + FIRST_EVENT_WITHIN_MS; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const state = await cases.status(caseId);
    if (state.status !== before) return state;
    if (Date.now() > deadline) throw new Error(`${caseId} was still ${before} ${FIRST_EVENT_WITHIN_MS / 1000} s after its start`);
  }
};
