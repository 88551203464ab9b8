import * as assert from 'uvu/assert';
import { dateOf } from '../../domain/calendar';
import type { TestStack } from './testStack';

/** Time on the time-skipping server, which runs ahead of the wall clock as tests skip. */
export const nowMs = (stack: TestStack): Promise<number> => stack.env.currentTimeMs();
export const today = async (stack: TestStack): Promise<string> => dateOf(new Date(await nowMs(stack)).toISOString());
export const startOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

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

/** A start returns once the workflow exists; its first event is appended moments later. */
export const startedState = async <S extends { status: string }>(cases: { status(caseId: string): Promise<S> }, caseId: string): Promise<S> => {
  for (let i = 0; i < 100; i += 1) {
    const state = await cases.status(caseId);
    if (state.status !== 'NOT_STARTED') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${caseId} did not start`);
};
