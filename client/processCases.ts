import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import { streamOf, type ProcessCommand, type ProcessDefinition, type ProcessEvent } from '../domain/processDefinition';
import type { RevisionPrecondition } from '../domain/revisionPrecondition';
import { ActorSchema } from '../domain/roles';
import { processActUpdate, processStatusQuery, type ProcessInput } from '../workflows/processMessages';
import { updateOrRefuseIfClosed } from './closedCaseRefusal';
import { wallClock } from './wallClock';
import { ProblemError, domainProblem, parseInput } from './problem';

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

  /** Starts the case's workflow; a refused start starts nothing, a second start of the same case is a 409. */
  async start(body: unknown, policyVersion?: string): Promise<{ caseId: string; workflowId: string; stream: string }> {
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
    await this.client.workflow.start(this.definition.workflowType, {
      args: [input],
      taskQueue: this.taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { caseId, workflowId, stream: workflowId };
  }

  /** One action `{actor, action: {type, ...}}`; refusals name the rule. */
  async act(caseId: string, body: unknown, precondition: RevisionPrecondition = {}): Promise<S> {
    const { actor, action } = parseInput(this.actSchema, body);
    const handle = this.client.workflow.getHandle(streamOf(this.definition, caseId));
    const at = await this.now();
    return updateOrRefuseIfClosed(
      caseId,
      async () => (await handle.executeUpdate(processActUpdate, { args: [{ actor, action, ...precondition }] })) as S,
      () => this.status(caseId),
      (state) => this.definition.decide(state, this.definition.actionCommand(action, at, actor)),
      (state) => String((state as { status?: unknown }).status ?? 'closed'),
    );
  }

  async status(caseId: string): Promise<S> {
    return (await this.client.workflow.getHandle(streamOf(this.definition, caseId)).query(processStatusQuery)) as S;
  }
}
