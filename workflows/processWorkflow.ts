import { WorkflowExecutionAlreadyStartedError, type UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { z } from 'zod';
import { streamOf, type FollowOnCase, type ProcessCommand, type ProcessTimer } from '../domain/processDefinition';
import { processOfName, processOfWorkflowType } from '../domain/processCatalog';
import type { AnyProcessDefinition } from '../domain/processes';
import { ActorSchema } from '../domain/roles';
import { eventSourcedCase, type CaseSoFar, type EventSourcedCase } from './eventSourcedCase';
import { processActUpdate, processStatusQuery, type ProcessInput } from './processMessages';
import { qrbLegacy, type LegacyMessages } from './qrbLegacy';

/**
 * Cases started before this patch woke on any change of their state and re-armed their timer each
 * time (probation, onboarding and rotation cases still do: their histories hold those timers).
 * Cases started since wake only when the next timer moves or the case ends.
 */
export const TIMER_REARMS_ONLY_WHEN_IT_MOVES = 'timer-rearms-only-when-it-moves';

/**
 * Cases continue as new before their history grows large (Temporal warns from 10,240 events and
 * fails a workflow at 51,200). Histories recorded before this patch never did: while such a history
 * replays the case keeps to it, and once it runs live it continues as new like any other.
 */
export const CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG = 'continues-as-new-when-history-is-long';

/**
 * Days are the agency's days (domain/agencyTimeZones.ts): cases started before this patch counted UTC
 * days, and their timers fired at 00:00 UTC. They go on so (every command marked `daysIn: 'UTC'`, timers
 * asked with it), so that their histories replay and their cases run on as they ran; cases started since count the agency's.
 */
export const DAYS_ARE_AGENCY_DAYS = 'days-are-agency-days';

/** How a case counts its days: undefined, the agency's; 'UTC' for a case started before DAYS_ARE_AGENCY_DAYS. */
type Days = 'UTC' | undefined;

/** The command as the case counts days: marked daysIn 'UTC' for a case that counts UTC days (domain/agencyTimeZones.ts commandDateOf). */
const countedIn = (days: Days, command: ProcessCommand): ProcessCommand => (days ? { ...command, daysIn: days } : command);

/** The history length at which a case continues as new when Temporal has not suggested it sooner. */
export const DEFAULT_HISTORY_LIMIT = 5_000;

/** The part of the input that carries a case across runs; a limit below 20 would leave a new run no room for one command. */
const ContinuationSchema = z.object({
  historyLimit: z.number().int().min(20).optional(),
  continued: z.object({ state: z.custom<object>((value) => typeof value === 'object' && value !== null), revision: z.number().int().min(0) }).optional(),
  daysIn: z.literal('UTC').optional(),
});

/** What older releases of a workflow type accepted, kept so their histories replay. */
const LEGACY: Partial<Record<string, LegacyMessages>> = { qrbCase: qrbLegacy };

const now = (): string => new Date(Date.now()).toISOString();

/**
 * Every personnel process's workflow. The workflow type names the process (its
 * `workflowType` in domain/processes.ts), so adding a process adds no line in workflows/.
 * The start command is queued before any handler exists (an update delivered in the same
 * first activation then runs after it, instead of being judged against an empty case);
 * people act through the `act` update, whose validator is the decider; the process's
 * timers fire as its own system commands; when the case ends, its follow-on cases start.
 * A long case continues as new with its state and stream revision: the next run appends
 * no start event, and its timers, anchored on dates in the state, go on as they were.
 */
export async function processWorkflow(input: ProcessInput): Promise<unknown> {
  const { workflowType } = workflowInfo();
  // Only this process's definition is loaded: each workflow evaluates the modules it uses afresh (domain/processCatalog.ts).
  const definition = processOfWorkflowType(workflowType);
  if (!definition) throw ApplicationFailure.nonRetryable(`no process runs workflow type ${workflowType}`, 'UnknownProcess');
  const legacy = LEGACY[workflowType];
  const continuation = ContinuationSchema.safeParse(input);
  if (!continuation.success) throw ApplicationFailure.nonRetryable(`${workflowType}: ${continuation.error.issues[0]?.message}`, 'InvalidInput');
  const { historyLimit = DEFAULT_HISTORY_LIMIT, continued, daysIn } = continuation.data;

  const start = definition.startSchema.parse(legacy?.startOf(input) ?? input.start);
  // Asked once, before the first command: a case keeps the days it started with, across continue-as-new too.
  // A run continued from an older one without daysIn asks the patch: its history says how it ran.
  const days: Days = daysIn ?? (patched(DAYS_ARE_AGENCY_DAYS) ? undefined : 'UTC');
  const runner = eventSourcedCase(
    {
      stream: streamOf(definition, definition.caseIdOf(start)),
      initialState: definition.initialState,
      decide: definition.decide,
      evolve: definition.evolve,
      eventVersion: definition.eventVersion,
      parseEvent: definition.parseEvent,
      policyVersionOf: definition.policyVersionOf,
    },
    continued,
  );
  // A continued case's start event is in its stream already.
  const started = continued
    ? Promise.resolve(runner.state)
    : runner.executeOrFail(countedIn(days, definition.startCommand(start, now(), definition.starterOf(start), input.policyVersion)), 'start');

  setHandler(processStatusQuery, () => runner.state);
  const ActArgs = z.object({ actor: ActorSchema, action: definition.actionSchema });
  // One `act` update for every process; for this one its actions are this process's Action.
  const actUpdate = processActUpdate as UpdateDefinition<unknown, [z.infer<typeof ActArgs>]>;
  const commandOf = (action: z.infer<typeof ActArgs>['action'], at: string, actor: z.infer<typeof ActorSchema>) =>
    countedIn(days, definition.actionCommand(action, at, actor));
  runner.handleUpdate(actUpdate, ActArgs, ({ actor, action }, at) => commandOf(action, at, actor));
  legacy?.register(runner, commandOf, ActArgs);

  // Asked once, in the first activation: a case keeps the rule it started with, on whatever code resumes it.
  const wakesOnAnyChange = !patched(TIMER_REARMS_ONLY_WHEN_IT_MOVES) && !legacy?.wokeOnlyWhenTimerMoved;
  await started;
  const nextRun = (soFar: CaseSoFar<unknown>): ProcessInput => ({
    start,
    ...(input.policyVersion === undefined ? {} : { policyVersion: input.policyVersion }),
    ...(input.historyLimit === undefined ? {} : { historyLimit }),
    ...(days === undefined ? {} : { daysIn: days }),
    continued: soFar,
  });
  await runTimers(definition, runner, wakesOnAnyChange, historyIsLong(historyLimit), nextRun, days);
  await startFollowOnCases(definition.followOnCases?.(runner.state) ?? []);
  await condition(allHandlersFinished);
  return runner.state;
}

/**
 * Whether the history has grown long enough to continue as new: Temporal suggests it, or it holds
 * `limit` events. Asked of the patch only then, so a history recorded before the patch replays as it
 * ran (patched() is false there) and a live case records the patch's marker when it first continues.
 */
const historyIsLong = (limit: number) => (): boolean => {
  const { continueAsNewSuggested, historyLength } = workflowInfo();
  return (continueAsNewSuggested || historyLength >= limit) && patched(CONTINUES_AS_NEW_WHEN_HISTORY_IS_LONG);
};

/**
 * Continues as new once no update handler is running and no command is being decided or appended:
 * an update this run accepted finishes here and its caller has its answer; one that reaches Temporal
 * while this run closes is handed to the next run (the server has the client retry it there). A case
 * that ends meanwhile does not continue: it ends in this run.
 */
const continueAsNewWhenIdle = async (
  runner: EventSourcedCase<unknown>,
  isTerminal: (state: unknown) => boolean,
  nextRun: (soFar: CaseSoFar<unknown>) => ProcessInput,
): Promise<void> => {
  await condition(() => allHandlersFinished() && runner.idle);
  if (!isTerminal(runner.state)) await continueAsNew<typeof processWorkflow>(nextRun(runner.soFar));
};

/**
 * Until the case ends: wait for the next timer the process names, or for a change that moves
 * it, whichever comes first; a timer that falls due runs its system command. What the loop
 * waits on is always a change since it looked, never an absolute condition (one already true would spin).
 * When the history has grown long, the case continues as new instead of waiting on.
 */
const runTimers = async (
  definition: AnyProcessDefinition,
  runner: EventSourcedCase<unknown>,
  wakesOnAnyChange: boolean,
  historyIsLong: () => boolean,
  nextRun: (soFar: CaseSoFar<unknown>) => ProcessInput,
  days: Days,
): Promise<void> => {
  const { timers, isTerminal } = definition;
  const sameTimer = (a: ProcessTimer | null, b: ProcessTimer | null) =>
    a === null || b === null ? a === b : timers.id(a) === timers.id(b) && a.dueAt === b.dueAt;
  while (!isTerminal(runner.state)) {
    if (historyIsLong()) {
      await continueAsNewWhenIdle(runner, isTerminal, nextRun);
      continue;
    }
    const before = runner.state;
    const timer: ProcessTimer | null = timers.next(before, days);
    const moved = () => runner.state !== before && (wakesOnAnyChange || isTerminal(runner.state) || !sameTimer(timers.next(runner.state, days), timer));
    const wake = () => moved() || historyIsLong();
    if (timer === null) {
      await condition(wake);
      continue;
    }
    const fired = !(await condition(wake, Math.max(Date.parse(timer.dueAt) - Date.now(), 1)));
    if (!fired) continue;
    // A case that counts UTC days keeps its timers at 00:00 UTC (timers.next above) and decides them on UTC days.
    const decision = await runner.execute(countedIn(days, timers.command(timer, now())), timers.id(timer));
    if (!decision.ok) {
      // A timer the decider does not take (should not happen): wait for people rather than spin.
      log.warn(`${definition.name} timer refused`, { timer: timers.id(timer), rule: decision.error.rule });
      await condition(moved);
    }
  }
};

/**
 * The cases this one starts when it ends (a QRB appointment starts probation and onboarding),
 * as children that outlive it. Their workflow ids are their streams, so a second start of the
 * same case is refused by Temporal, never duplicated.
 */
const startFollowOnCases = async (followOns: readonly FollowOnCase[]): Promise<void> => {
  for (const followOn of followOns) {
    const process = processOfName(followOn.process);
    if (!process) throw new Error(`follow-on case of an unknown process ${followOn.process}`);
    const workflowId = streamOf(process, process.caseIdOf(followOn.start));
    const input: ProcessInput = { start: followOn.start };
    try {
      await startChild(process.workflowType, {
        workflowId,
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      log.warn(`${workflowId} already exists; ${workflowInfo().workflowId} does not start it twice`);
    }
  }
};
