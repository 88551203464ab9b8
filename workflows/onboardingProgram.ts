import { allHandlersFinished, condition, log } from '@temporalio/workflow';
import { nextOnboardingTimer, onboardingDefinition, onboardingTimerCommand, onboardingTimerId, type OnboardingState } from '../domain/onboarding';
import type { ProcessInput } from './processMessages';
import { startProcess } from './startProcess';

/**
 * The one-year SES onboarding program (SES-RULES §2, §9): started by an HR specialist,
 * driven through the `act` update (assignment of the supervisor and mentor or coach,
 * milestone confirmations by their owners, an early end on transfer or separation) and
 * by the timers `nextOnboardingTimer` names (a reminder when a milestone's due date has
 * passed unconfirmed, an escalation to the executive-resources office later), all
 * anchored on the due dates in the state. Ends when completed at year 1 or ended early.
 */
export async function onboardingProgram(input: ProcessInput): Promise<OnboardingState> {
  const { runner, started } = startProcess(onboardingDefinition, input);
  await started;
  while (!onboardingDefinition.isTerminal(runner.state)) {
    // Wait for the next timer or for any new event (which may cancel or move it), whichever comes first.
    const before = runner.state;
    const changed = () => runner.state !== before;
    const timer = nextOnboardingTimer(before);
    if (timer === null) {
      await condition(changed);
      continue;
    }
    const fired = !(await condition(changed, Math.max(Date.parse(timer.dueAt) - Date.now(), 1)));
    if (!fired) continue;
    const decision = await runner.execute(onboardingTimerCommand(timer, new Date(Date.now()).toISOString()), onboardingTimerId(timer));
    if (!decision.ok) {
      // A timer the decider does not take (should not happen): wait for people rather than spin.
      log.warn('onboarding timer refused', { timer: timer.kind, milestoneId: timer.milestoneId, rule: decision.error.rule });
      await condition(changed);
    }
  }
  await condition(allHandlersFinished);
  return runner.state;
}
