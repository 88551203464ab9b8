import { allHandlersFinished, condition, log } from '@temporalio/workflow';
import { nextRotationTimer, rotationDefinition, rotationTimerCommand, rotationTimerId, type RotationState } from '../domain/rotation';
import type { ProcessInput } from './processMessages';
import { startProcess } from './startProcess';

/**
 * The GS-15 rotation pilot (SES-RULES §3, §9): opened by the home agency's HR
 * specialist on the cohort call, driven through the `act` update (statement of
 * interest, nomination, host match, agreement, start, check-in, extension,
 * evaluation, return home, early termination, withdrawal) and by the timers
 * `nextRotationTimer` names (mid-point check-in due, end of the rotation), both
 * anchored on the dates in the state. Ends on return home, early termination or withdrawal.
 */
export async function rotationAssignment(input: ProcessInput): Promise<RotationState> {
  const { runner, started } = startProcess(rotationDefinition, input);
  await started;
  while (!rotationDefinition.isTerminal(runner.state)) {
    // Wait for the next timer or for any new event (which may move it), whichever comes first.
    const before = runner.state;
    const changed = () => runner.state !== before;
    const timer = nextRotationTimer(before);
    if (timer === null) {
      await condition(changed);
      continue;
    }
    const fired = !(await condition(changed, Math.max(Date.parse(timer.dueAt) - Date.now(), 1)));
    if (!fired) continue;
    const decision = await runner.execute(rotationTimerCommand(timer, new Date(Date.now()).toISOString()), rotationTimerId(timer));
    if (!decision.ok) {
      // A timer the decider does not take (should not happen): wait for people rather than spin.
      log.warn('rotation timer refused', { timer: timer.kind, rule: decision.error.rule });
      await condition(changed);
    }
  }
  await condition(allHandlersFinished);
  return runner.state;
}
