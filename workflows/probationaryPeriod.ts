import { allHandlersFinished, condition, log } from '@temporalio/workflow';
import { nextProbationTimer, probationDefinition, timerCommand, timerId, type ProbationState } from '../domain/probation';
import type { ProcessInput } from './processMessages';
import { startProcess } from './startProcess';

/**
 * The SES probationary period (SES-RULES §4, §9): started by an HR specialist, driven
 * by the supervisor's assessment and the appointing authority's certification or
 * removal through the `act` update, and by the timers `nextProbationTimer` names
 * (reminders, end of the period, a removal's effective date), all anchored on dates
 * in the state. Ends when the case is completed or the probationer removed.
 */
export async function probationaryPeriod(input: ProcessInput): Promise<ProbationState> {
  const { runner, started } = startProcess(probationDefinition, input);
  await started;
  while (!probationDefinition.isTerminal(runner.state)) {
    // Wait for the next timer or for any new event (which may move the timers), whichever comes first.
    const before = runner.state;
    const changed = () => runner.state !== before;
    const timer = nextProbationTimer(before);
    if (timer === null) {
      await condition(changed);
      continue;
    }
    const fired = !(await condition(changed, Math.max(Date.parse(timer.dueAt) - Date.now(), 1)));
    if (!fired) continue;
    const decision = await runner.execute(timerCommand(timer, new Date(Date.now()).toISOString()), timerId(timer));
    if (!decision.ok) {
      // A timer the decider does not take (should not happen): wait for people rather than spin.
      log.warn('probation timer refused', { timer: timer.kind, rule: decision.error.rule });
      await condition(changed);
    }
  }
  await condition(allHandlersFinished);
  return runner.state;
}
