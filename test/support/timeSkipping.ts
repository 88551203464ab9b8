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
