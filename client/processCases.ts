import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { streamOf, type ProcessCommand, type ProcessDefinition, type ProcessEvent } from '../domain/processDefinition';
import { PROCESSES, processNamed } from '../domain/processes';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import { ActorSchema } from '../domain/roles';
import { processActUpdate, processStatusQuery, type ProcessInput } from '../workflows/processMessages';
import { updateOrRefuseIfClosed } from './closedCaseRefusal';
import { wallClock } from './wallClock';
import { ProblemError, domainProblem, parseInput } from './problem';
import { askUntilAnswered } from './unansweredQueries';
import { sendUntilProcessed } from './unprocessedUpdates';

/** The memo field holding the id of the request that started a case (ProcessCases.start). */
const START_REQUEST_MEMO = 'startRequestId';

/** Start, act and status for one process, the same for the CLI, the HTTP API and tests. */
export class ProcessCases<S, C extends ProcessCommand, E extends ProcessEvent, Start, Action extends { type: string }> {
  private readonly actSchema: z.ZodType<{ actor: z.infer<typeof ActorSchema>; action: Action }>;

  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    readonly definition: ProcessDefinition<S, C, E, Start, Action>,
    /** The time refusals are pre-checked at: the wall clock, or a test server's skipped clock. */
    private readonly now: () => Promise<string> = wallClock,
  ) {
    this.actSchema = z.object({ actor: ActorSchema, action: definition.actionSchema }) as typeof this.actSchema;
  }

  /**
   * Starts the case's workflow; a refused start starts nothing, a second start of the same case is a 409.
   * `requestId`: the id every retry of one request shares (an HTTP Idempotency-Key's), kept in the
   * workflow's memo: a retry of the request that started the case answers as that start did, where
   * another request to start it is the 409.
   */
  async start(body: unknown, policyVersion?: string, requestId?: string): Promise<{ caseId: string; workflowId: string; stream: string }> {
    const start = parseInput(this.definition.startSchema, body);
    // Decide before starting, so a refused case leaves no workflow behind.
    const decision = this.definition.decide(
      this.definition.initialState,
      this.definition.startCommand(start, await this.now(), this.definition.starterOf(start), policyVersion),
    );
    if (!decision.ok) throw new ProblemError(domainProblem(decision.error));
    const caseId = this.definition.caseIdOf(start);
    const workflowId = streamOf(this.definition, caseId);
    const input: ProcessInput = { start, ...(policyVersion ? { policyVersion } : {}) };
    try {
      await this.client.workflow.start(this.definition.workflowType, {
        args: [input],
        taskQueue: this.taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        ...(requestId === undefined ? {} : { memo: { [START_REQUEST_MEMO]: requestId } }),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || requestId === undefined) throw error;
      const { memo } = await this.client.workflow.getHandle(workflowId).describe();
      if (memo?.[START_REQUEST_MEMO] !== requestId) throw error;
    }
    return { caseId, workflowId, stream: workflowId };
  }

  /**
   * One action `{actor, action: {type, ...}}`; refusals name the rule. When the action would
   * end the case in a state that starts follow-on cases (a QRB appointment starts probation and
   * onboarding), it is refused first unless each of them would start, so the case never records
   * a step without the cases it promises.
   * `requestId`: the Update's id, shared by every retry of one request (an HTTP Idempotency-Key's):
   * a retry gets the first one's answer, even when that first answer was lost. Without it, a new id.
   */
  async act(caseId: string, body: unknown, precondition: RevisionPrecondition = {}, requestId?: string): Promise<S> {
    const { actor, action } = parseInput(this.actSchema, body);
    const handle = this.client.workflow.getHandle(streamOf(this.definition, caseId));
    const at = await this.now();
    const command = this.definition.actionCommand(action, at, actor);
    if (this.definition.followOnActions?.includes(action.type)) await this.checkFollowOnCases(caseId, command, at);
    return updateOrRefuseIfClosed(
      caseId,
      () =>
        sendUntilProcessed(
          async () =>
            (await handle.executeUpdate(processActUpdate, {
              args: [{ actor, action, ...precondition }],
              ...(requestId === undefined ? {} : { updateId: requestId }),
            })) as S,
        ),
      () => this.status(caseId),
      (state) => this.definition.decide(state, command),
      (state) => String((state as { status?: unknown }).status ?? 'closed'),
    );
  }

  /** An action with its own path (`definition.namedActions`), whose body names who takes it. */
  async actNamed(caseId: string, operation: string, body: unknown, precondition: RevisionPrecondition = {}, requestId?: string): Promise<S> {
    const named = this.definition.namedActions?.find((n) => n.operation === operation);
    if (!named) throw new Error(`${this.definition.name} has no action ${operation}`);
    return this.act(caseId, named.toAct(parseInput(named.body, body) as never), precondition, requestId);
  }

  /** The id of the case's current (or last) workflow run. */
  async runIdOf(caseId: string): Promise<string> {
    return (await this.client.workflow.getHandle(streamOf(this.definition, caseId)).describe()).runId;
  }

  async status(caseId: string): Promise<S> {
    const handle = this.client.workflow.getHandle(streamOf(this.definition, caseId));
    return (await askUntilAnswered(this.client, () => handle.query(processStatusQuery))) as S;
  }

  /**
   * The follow-on cases the command would start: each must be accepted by its own process and
   * not exist yet, else 409 `<process>.<cause>.already-started` (`qrb.appointment.already-started`).
   */
  private async checkFollowOnCases(caseId: string, command: C, at: string): Promise<void> {
    const current = await this.status(caseId);
    const decision = this.definition.decide(current, command);
    // A refused command is refused by the workflow's validator, with its rule.
    if (!decision.ok) return;
    const after = decision.events.reduce(this.definition.evolve, current);
    for (const followOn of this.definition.followOnCases!(after)) {
      const definition = processNamed(followOn.process)!;
      const start = parseInput(definition.startSchema, followOn.start);
      const started = definition.decide(definition.initialState, definition.startCommand(start, at, definition.starterOf(start)));
      if (!started.ok) throw new ProblemError(domainProblem(started.error));
      const stream = streamOf(definition, definition.caseIdOf(start));
      const exists = await this.client.workflow
        .getHandle(stream)
        .describe()
        .then(
          () => true,
          (error: unknown) => (error instanceof WorkflowNotFoundError ? false : Promise.reject(error)),
        );
      if (exists) {
        throw new ProblemError({
          status: 409,
          error: `${this.definition.name}.${followOn.cause}.already-started`,
          message: `${stream} already exists; ${followOn.cause} ${definition.caseIdOf(start)} is not started twice`,
        });
      }
    }
  }
}

/** Any process's cases, as the shell holds them without knowing which. */
export type AnyProcessCases = ProcessCases<unknown, ProcessCommand, ProcessEvent, unknown, { type: string }>;

/** Start / act / status for every process of the registry, by name. */
export const casesOfEveryProcess = (client: Client, taskQueue: string, now: () => Promise<string> = wallClock): Map<string, AnyProcessCases> =>
  new Map(PROCESSES.map(({ name }) => [name, new ProcessCases(client, taskQueue, processNamed(name)!, now) as AnyProcessCases]));
