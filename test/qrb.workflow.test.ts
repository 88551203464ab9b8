import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProcessCases } from '../client/processCases';
import { createWorker } from '../worker/createWorker';
import { workflowBundle } from './support/workflowBundle';
import { probationDefinition } from '../domain/probation';
import { qrbDefinition, type QrbState } from '../domain/qrb';
import { processStatusQuery } from '../workflows/processMessages';
import { startTestStack, type TestStack } from './support/testStack';
import { allRatings, board, daysBefore, submission } from './support/qrbFixtures';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';

/**
 * The QRB workflow on the time-skipping server with the real worker, bundle and
 * SQLite store: every event durable in the stream, replay equal to the live state.
 */
const qrb = suite<{ stack: TestStack }>('QRB workflow (time-skipping server)');
const meets = allRatings('ecq-2025');
const appointment = (caseId: string, now: string) => ({
  recordedBy: 'hr-ana',
  appointmentId: `${caseId}-APPT`,
  executiveId: 'ex-rivera',
  effectiveDate: new Date(Date.parse(now) + 14 * 86_400_000).toISOString().slice(0, 10),
  supervisorId: 'sup-ortiz',
  appointingAuthorityId: 'aa-wong',
  priorTenure: 'career',
});

qrb.before(async (context) => {
  context.stack = await startTestStack();
});
qrb.after(async ({ stack }) => {
  await stack.stop();
});

/** A submission whose announcement closed 10 days before the test server's now. */
const fresh = async (stack: TestStack, overrides: Parameters<typeof submission>[0] = {}) =>
  submission({ ...overrides, position: { ...submission().position, announcementClosedOn: daysBefore(await stack.now(), 10) } });

qrb('approved path: submit, convene, three votes, appointment; stream, replay and chain agree with the workflow', async ({ stack }) => {
  const caseId = 'QRB-WF-APPROVED';
  const started = await stack.qrb.start(await fresh(stack, { caseId }));
  assert.is(started.workflowId, `qrb-${caseId}`);
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets });
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: meets });
  const afterLast = await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: meets, comment: 'Strong record.' });
  assert.is(afterLast.status, 'APPROVED');

  const handle = stack.env.client.workflow.getHandle(started.workflowId);
  const appointed = await stack.qrb.actNamed(caseId, 'qrb.appoint', appointment(caseId, await stack.now()));
  assert.is(appointed.status, 'APPOINTED');
  const result = await stack.result(started.workflowId);
  assert.equal(result, appointed);
  // The appointment started the probationary period and the onboarding program under its id.
  const probation = await stack.env.client.workflow.getHandle(`probation-${caseId}-APPT`).query(processStatusQuery);
  assert.is((probation as { status: string }).status, 'ON_PROBATION');
  const onboarding = await stack.env.client.workflow.getHandle(`onboarding-${caseId}-APPT`).query(processStatusQuery);
  assert.is((onboarding as { status: string }).status, 'IN_PROGRESS');
  const again = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.appoint', appointment(caseId, await stack.now())));
  assert.is(again.status, 409);
  assert.is(again.error, 'qrb.appointment.already-recorded');

  const events = await stack.audit.events(started.stream);
  assert.equal(
    events.map((e) => e.type),
    ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbVoteCast', 'QrbVoteCast', 'QrbVoteCast', 'QrbCaseApproved', 'QrbAppointmentRecorded'],
  );
  assert.equal(
    events.map((e) => e.meta.actor.id),
    ['hr-ana', 'opm-kim', 'm-lee', 'm-patel', 'm-chen', 'm-chen', 'hr-ana'],
  );
  assert.ok(events.every((e) => e.meta.policyVersion === 'ses-2025-10-01' && e.meta.workflowId === started.workflowId));

  const replay = await stack.audit.replay(`qrb-${caseId}`);
  assert.equal(replay.state, await stack.qrb.status(caseId));
  const partial = (await stack.audit.replay(`qrb-${caseId}`, { revision: 1 })).state as QrbState;
  assert.is(partial.status, 'BOARD_CONVENED');
  assert.is(partial.votes.length, 0);
  const verified = await stack.audit.verify(started.stream);
  assert.ok(verified.ok);

  await recordHistory('qrbCase-approved', handle);
});

qrb('disapproved path: the decision names the failing ECQs', async ({ stack }) => {
  const caseId = 'QRB-WF-DISAPPROVED';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: weak });
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: meets });
  const state = await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: weak });
  assert.is(state.status, 'DISAPPROVED');
  assert.equal(state.decision?.failingEcqs, ['driving-efficiency']);
  const events = await stack.audit.events(`qrb-${caseId}`);
  assert.is(events.at(-1)?.type, 'QrbCaseDisapproved');
});

qrb('every refused vote is refused by the validator and leaves no trace', async ({ stack }) => {
  const caseId = 'QRB-WF-REFUSALS';
  const { workflowId, stream } = await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets });

  const stranger = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-stranger', ratings: meets }));
  assert.is(stranger.status, 422);
  assert.is(stranger.error, 'qrb.vote.not-a-board-member');
  const twice = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }));
  assert.is(twice.status, 409);
  assert.is(twice.error, 'qrb.vote.already-voted');
  const unknownEcq = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: { ...meets, charisma: 'meets' } }));
  assert.is(unknownEcq.status, 422);
  assert.equal(unknownEcq.issues?.[0]?.field, 'ratings.charisma');
  const badShape = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: { 'leading-people': 'maybe' } }));
  assert.is(badShape.status, 400);
  assert.is(badShape.issues?.[0]?.field, 'ratings.leading-people');

  assert.is((await stack.audit.events(stream)).length, 3, 'refused votes appended nothing');
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: meets });
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: meets });
  const afterDecision = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: meets }));
  assert.is(afterDecision.status, 409);
  assert.is(afterDecision.error, 'qrb.vote.case-decided');

  // Validator rejections never enter the workflow history: only the 4 accepted updates do.
  const history = await stack.env.client.workflow.getHandle(workflowId).fetchHistory();
  const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  assert.is(accepted.length, 4);
  assert.is((await stack.audit.events(stream)).length, 6);
});

qrb('members who have not voted are reminded after the policy delay, and the case waits on', async ({ stack }) => {
  const caseId = 'QRB-WF-REMINDER';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets });

  await stack.env.sleep('6 days');
  assert.is((await stack.qrb.status(caseId)).remindersSent.length, 0, 'no reminder before 7 days');
  await stack.env.sleep('2 days');
  const reminded = await stack.qrb.status(caseId);
  assert.is(reminded.status, 'BOARD_CONVENED');
  assert.equal(
    reminded.remindersSent.map((r) => r.pendingMemberIds),
    [['m-patel', 'm-chen']],
  );
  const convenedAt = Date.parse(reminded.convenedAt!);
  const sentAfter = Date.parse(reminded.remindersSent[0]!.at) - convenedAt;
  assert.ok(sentAfter >= 7 * 86_400_000 && sentAfter < 7 * 86_400_000 + 60_000, `reminder sent ${sentAfter} ms after convening`);

  await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-patel', ratings: meets });
  await stack.env.sleep('7 days');
  const again = await stack.qrb.status(caseId);
  assert.equal(
    again.remindersSent.map((r) => r.pendingMemberIds),
    [['m-patel', 'm-chen'], ['m-chen']],
  );

  assert.is((await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: meets })).status, 'APPROVED');
  const types = (await stack.audit.events(`qrb-${caseId}`)).map((e) => e.type);
  assert.equal(types.filter((t) => t === 'QrbVoteReminderSent').length, 2);
});

qrb('an appointment whose probation case already exists is refused before anything is recorded', async ({ stack }) => {
  const caseId = 'QRB-WF-TAKEN';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  for (const memberId of ['m-lee', 'm-patel', 'm-chen']) await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId, ratings: meets });
  const appointed = appointment(caseId, await stack.now());
  // The appointment's probation case, started by hand before the appointment is recorded.
  await stack.casesOf(probationDefinition).start({
    caseId: appointed.appointmentId,
    executiveId: appointed.executiveId,
    agency: submission().position.agency,
    appointmentEffectiveDate: appointed.effectiveDate,
    criterion: submission().criterion,
    priorTenure: appointed.priorTenure,
    supervisorId: appointed.supervisorId,
    appointingAuthorityId: appointed.appointingAuthorityId,
    startedBy: 'hr-ana',
  });
  const refused = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.appoint', appointed));
  assert.is(refused.status, 409);
  assert.is(refused.error, 'qrb.appointment.already-started');
  assert.match(refused.message, new RegExp(`probation-${appointed.appointmentId} already exists`));
  assert.is((await stack.qrb.status(caseId)).status, 'APPROVED', 'nothing recorded');
  assert.equal((await stack.audit.events(`qrb-${caseId}`)).at(-1)!.type, 'QrbCaseApproved');
});

qrb('a second start of the same case is refused, not duplicated', async ({ stack }) => {
  const caseId = 'QRB-WF-DUPLICATE';
  await stack.qrb.start(await fresh(stack, { caseId }));
  const duplicate = await refusalOf(stack.qrb.start(await fresh(stack, { caseId })));
  assert.is(duplicate.status, 409);
  assert.is(duplicate.error, 'already-exists');
});

qrb('a board convened in the very first workflow task waits for the submission instead of being refused', async ({ stack }) => {
  // No worker polls this queue yet, so the start and the update reach the workflow in one activation.
  const taskQueue = `${stack.taskQueue}-cold`;
  const caseId = 'QRB-WF-COLD-START';
  const cold = new ProcessCases(stack.env.client, taskQueue, qrbDefinition, stack.now);
  await cold.start(await fresh(stack, { caseId }));
  const convening = cold.actNamed(caseId, 'qrb.convene', board()) as Promise<QrbState>;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const worker = await createWorker({
    connection: stack.env.nativeConnection,
    namespace: stack.env.namespace ?? 'default',
    taskQueue,
    store: stack.store,
    dataConverter: stack.dataConverter,
    workflowBundle: await workflowBundle(),
  });
  const state = await worker.runUntil(async () => {
    const convened = await convening;
    // Close the case while its worker still runs: a live case on an unpolled queue would stall later time skips.
    await cold.actNamed(caseId, 'qrb.withdraw', { withdrawnBy: 'hr-ana', reason: 'test done' });
    return convened;
  });
  assert.is(state.status, 'BOARD_CONVENED');
  assert.equal(
    (await stack.audit.events(`qrb-${caseId}`)).map((e) => e.type),
    ['QrbCaseSubmitted', 'QrbBoardConvened', 'QrbCaseWithdrawn'],
  );
});

const newBoard = () => ({
  convenedBy: 'opm-kim',
  members: [
    { id: 'm-ng', agency: 'DOJ', appointment: 'career' as const },
    { id: 'm-diaz', agency: 'VA', appointment: 'career' as const },
    { id: 'm-roy', agency: 'NASA', appointment: 'career' as const },
  ],
});
const weak = { ...meets, 'driving-efficiency': 'does-not-meet' as const };
const disapprove = async (stack: TestStack, caseId: string) => {
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  for (const memberId of ['m-lee', 'm-patel']) await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId, ratings: weak });
  return stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-chen', ratings: meets });
};
/** Signals are not answered: wait until the workflow has acted on one. */
const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  for (let i = 0; i < 50; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the workflow did not act on the signal');
};

qrb('a disapproved case not resubmitted within 60 days closes when the window runs out', async ({ stack }) => {
  const caseId = 'QRB-WF-WINDOW';
  const returned = await disapprove(stack, caseId);
  assert.is(returned.status, 'DISAPPROVED');
  await stack.env.sleep('59 days');
  assert.is((await stack.qrb.status(caseId)).status, 'DISAPPROVED', 'still open on day 59');
  await stack.env.sleep('2 days');
  const closed = await stack.result<QrbState>(`qrb-${caseId}`);
  assert.is(closed.status, 'CLOSED');
  assert.is(closed.closure?.reason, 'resubmission-window-expired');
  assert.ok(Date.parse(closed.closure!.at) > Date.parse(`${returned.resubmitBy}T23:59:59Z`), 'closed only after the last day');
});

qrb('one resubmission within the window goes to a new board and can be approved', async ({ stack }) => {
  const caseId = 'QRB-WF-RESUBMIT';
  await disapprove(stack, caseId);
  await stack.env.sleep('30 days');
  const resubmitted = await stack.qrb.actNamed(caseId, 'qrb.resubmit', {
    resubmittedBy: 'hr-ana',
    evidence: { kind: 'resume-and-interview', resume: 'Revised resume.' },
  });
  assert.is(resubmitted.round, 2);
  const sameBoard = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.convene', board()));
  assert.is(sameBoard.error, 'qrb.board.new-board-on-resubmission');
  await stack.qrb.actNamed(caseId, 'qrb.convene', newBoard());
  for (const memberId of ['m-ng', 'm-diaz', 'm-roy']) await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId, ratings: meets });
  const approved = await stack.qrb.status(caseId);
  assert.is(approved.status, 'APPROVED');
  assert.is(approved.previousRounds[0]?.decision?.outcome, 'DISAPPROVED');
});

qrb('an agency-head transition holds an A case, refuses votes, and a release resumes it', async ({ stack }) => {
  const caseId = 'QRB-WF-HOLD';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  const hold = { action: 'hold', by: 'opm-kim', reason: 'Secretary announced departure' };
  assert.is((await stack.qrb.actNamed(caseId, 'qrb.transition', hold)).status, 'ON_HOLD', 'the update answers the case after the hold');
  const refused = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }));
  assert.is(refused.error, 'qrb.vote.on-hold');
  await stack.env.sleep('10 days');
  assert.is((await stack.qrb.status(caseId)).remindersSent.length, 0, 'no reminders while on hold');
  assert.is(
    (await stack.qrb.actNamed(caseId, 'qrb.transition', { ...hold, action: 'release', reason: 'New Secretary confirmed support' })).status,
    'BOARD_CONVENED',
  );
  for (const memberId of ['m-lee', 'm-patel', 'm-chen']) await stack.qrb.actNamed(caseId, 'qrb.vote', { memberId, ratings: meets });
  assert.is((await stack.qrb.status(caseId)).status, 'APPROVED');
});

qrb('a Criterion B case cannot be held; a held case can be returned, and says so', async ({ stack }) => {
  const b = await fresh(stack, {
    caseId: 'QRB-WF-HOLD-B',
    criterion: 'B',
    evidence: { kind: 'cdp-certificate', programName: 'DOE SES CDP', certificateId: 'CDP-77', completedOn: '2025-12-01' },
  });
  await stack.qrb.start(b);
  await eventually(
    () => stack.qrb.status('QRB-WF-HOLD-B'),
    (s) => s.status === 'SUBMITTED_TO_OPM',
  );
  const exempt = await refusalOf(stack.qrb.actNamed('QRB-WF-HOLD-B', 'qrb.transition', { action: 'hold', by: 'opm-kim', reason: 'transition' }));
  assert.is(exempt.status, 422);
  assert.is(exempt.error, 'qrb.hold.criterion-b-exempt');

  const caseId = 'QRB-WF-RETURNED';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await eventually(
    () => stack.qrb.status(caseId),
    (s) => s.status === 'SUBMITTED_TO_OPM',
  );
  assert.is((await stack.qrb.actNamed(caseId, 'qrb.transition', { action: 'hold', by: 'opm-kim', reason: 'Presidential transition' })).status, 'ON_HOLD');
  const returned = await stack.qrb.actNamed(caseId, 'qrb.transition', {
    action: 'return',
    by: 'opm-kim',
    reason: 'New head did not confirm support by the deadline',
  });
  assert.is(returned.status, 'RETURNED_UNDER_HOLD');
  assert.is(returned.closure?.reason, 'New head did not confirm support by the deadline');
  assert.equal(
    (await stack.audit.events(`qrb-${caseId}`)).map((e) => e.type),
    ['QrbCaseSubmitted', 'QrbCasePlacedOnHold', 'QrbCaseReturnedUnderHold'],
  );
});

qrb('the agency withdraws a case at an open step; the workflow ends', async ({ stack }) => {
  const caseId = 'QRB-WF-WITHDRAWN';
  await stack.qrb.start(await fresh(stack, { caseId }));
  await stack.qrb.actNamed(caseId, 'qrb.convene', board());
  const withdrawn = await stack.qrb.actNamed(caseId, 'qrb.withdraw', { withdrawnBy: 'hr-ana', reason: 'Selectee accepted another offer' });
  assert.is(withdrawn.status, 'WITHDRAWN');
  assert.is((await stack.result<QrbState>(`qrb-${caseId}`)).status, 'WITHDRAWN');
  const late = await refusalOf(stack.qrb.actNamed(caseId, 'qrb.vote', { memberId: 'm-lee', ratings: meets }));
  assert.is(late.status, 409);
  assert.is(late.error, 'qrb.case-closed');
});

qrb.run();
