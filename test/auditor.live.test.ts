import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareWithLive } from '../client/auditor/compareWithLive';
import { startTestStack, type TestStack } from './support/testStack';
import { startedState, today } from './support/timeSkipping';

/** The record against the engine: a real probation case on the time-skipping server. */
const live = suite<{ stack: TestStack }>('replayed state vs the workflow status query');

live.before(async (context) => {
  context.stack = await startTestStack();
});
live.after(async ({ stack }) => {
  await stack.stop();
});

live('the replay of the whole stream matches the live query; a replay at an earlier revision differs where the case moved on', async ({ stack }) => {
  const cases = stack.processes.get('probation')!;
  const caseId = 'EX-LIVE-1';
  const { stream } = await cases.start({
    caseId,
    executiveId: 'ex-rivera',
    agency: 'DOE',
    appointmentEffectiveDate: await today(stack),
    criterion: 'A',
    priorTenure: 'career',
    supervisorId: 'sup-ortiz',
    appointingAuthorityId: 'aa-wong',
    startedBy: 'hr-ana',
  });
  // The first event is appended moments after the start returns.
  await startedState(cases as { status(caseId: string): Promise<{ status: string }> }, caseId);
  await cases.act(caseId, {
    actor: { id: 'sup-ortiz', role: 'supervisor' },
    action: { type: 'SubmitAssessment', conclusion: 'meets-level-of-excellence', summary: 'Led the grid office at the level of excellence.' },
  });
  const status = await cases.status(caseId);

  const whole = await stack.audit.replay(stream);
  assert.is(whole.revision, 1);
  assert.equal(compareWithLive(whole.state, status), { same: true, differences: [] });

  const earlier = compareWithLive((await stack.audit.replay(stream, { revision: 0 })).state, status);
  assert.not.ok(earlier.same);
  assert.equal(
    earlier.differences.map((difference) => [difference.path, difference.replayed]),
    [['assessments', []]],
  );
});

live.run();
