import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcessCases } from '../client/processCases';
import { agencyDateOf, agencyDayStart } from '../domain/agencyTimeZones';
import { addDays } from '../domain/calendar';
import { replay } from '../domain/processDefinition';
import {
  reassignmentDefinition,
  type ReassignmentAction,
  type ReassignmentCommand,
  type ReassignmentEvent,
  type ReassignmentStart,
  type ReassignmentState,
} from '../domain/reassignment';
import type { Actor } from '../domain/roles';
import { recordHistory } from './support/recordHistory';
import { refusalOf } from './support/refusalOf';
import { startTestStack, type TestStack } from './support/testStack';
import { firedAt, nowMs, sleepUntil, startedState } from './support/timeSkipping';
import { REASSIGNMENT_START } from './support/processFixtures';

/**
 * SES reassignment on the time-skipping server with the real worker, bundle and SQLite
 * store. The notice periods and the 120-day moratorium run their real days of workflow
 * time; dates are DOE's (Washington's) days of the test server's clock.
 */
type Cases = ProcessCases<ReassignmentState, ReassignmentCommand, ReassignmentEvent, ReassignmentStart, ReassignmentAction>;
const wf = suite<{ stack: TestStack; cases: Cases }>('reassignment workflow (time-skipping server)');

const HR: Actor = { id: 'hr-ana', role: 'hr-specialist' };
const AA: Actor = { id: 'aa-wong', role: 'appointing-authority' };
const EXEC: Actor = { id: 'ex-rivera', role: 'executive' };

wf.before(async (context) => {
  context.stack = await startTestStack();
  context.cases = context.stack.casesOf(reassignmentDefinition);
});
wf.after(async ({ stack }) => {
  await stack.stop();
});

const agencyToday = async (stack: TestStack): Promise<string> => agencyDateOf(new Date(await nowMs(stack)).toISOString(), 'DOE');
/** The instant DOE's day begins, where the effective-date timer fires. */
const dayStart = (date: string): number => Date.parse(agencyDayStart(date, 'DOE'));

const startBody = (caseId: string, overrides: Partial<ReassignmentStart> = {}): ReassignmentStart => ({ ...REASSIGNMENT_START, caseId, ...overrides });
const eventTypes = async (stack: TestStack, caseId: string) => (await stack.audit.events(`reassignment-${caseId}`)).map((e) => e.type);

wf(
  'outside the commuting area: consultation, 60-day notice, blocked by a new agency head, rescheduled after the block, effective',
  async ({ stack, cases }) => {
    const caseId = 'RA-WF-BLOCK-1';
    const started = await cases.start(startBody(caseId));
    const handle = stack.env.client.workflow.getHandle(started.workflowId);
    assert.is((await startedState(cases, caseId)).status, 'PROPOSED');
    const day0 = await agencyToday(stack);
    await cases.act(caseId, {
      actor: AA,
      action: { type: 'RecordConsultation', consultedOn: day0, reasons: 'Realignment of the grid office.', executivePreferences: 'Prefers Denver.' },
    });
    const short = await refusalOf(
      cases.act(caseId, { actor: AA, action: { type: 'IssueNotice', noticeDate: day0, effectiveDate: addDays(day0, 59), reasons: 'Realignment.' } }),
    );
    assert.is(short.status, 422);
    assert.is(short.error, 'reassignment.notice.too-short');
    const effective60 = addDays(day0, 60);
    const noticed = await cases.act(caseId, {
      actor: AA,
      action: { type: 'IssueNotice', noticeDate: day0, effectiveDate: effective60, reasons: 'Realignment.' },
    });
    assert.is(noticed.status, 'NOTICE_ISSUED');

    // 30 days into the notice a new agency head takes office: the block runs through day 30 + 120.
    await stack.env.sleep(30 * 86_400_000);
    assert.is((await cases.status(caseId)).status, 'NOTICE_ISSUED', 'the 60 days are still running');
    const day30 = await agencyToday(stack);
    const blockedUntil = addDays(day30, 120);
    const blocked = await cases.act(caseId, { actor: HR, action: { type: 'RecordLeadershipChange', trigger: 'new-agency-head', effectiveDate: day30 } });
    assert.is(blocked.status, 'BLOCKED_MORATORIUM');
    assert.equal(blocked.block && [blocked.block.blockedUntil, blocked.block.earliestEffectiveDate], [blockedUntil, addDays(blockedUntil, 1)]);

    // The old effective date passes: nothing takes effect while blocked.
    await sleepUntil(stack, dayStart(effective60) + 3_600_000);
    assert.is((await cases.status(caseId)).status, 'BLOCKED_MORATORIUM');
    const inBlock = await refusalOf(cases.act(caseId, { actor: HR, action: { type: 'RescheduleReassignment', effectiveDate: blockedUntil } }));
    assert.is(inBlock.status, 409);
    assert.is(inBlock.error, 'reassignment.moratorium.blocked');
    assert.match(inBlock.message, `the earliest effective date is ${addDays(blockedUntil, 1)}`);
    const after = addDays(blockedUntil, 1);
    assert.is((await cases.act(caseId, { actor: HR, action: { type: 'RescheduleReassignment', effectiveDate: after } })).status, 'NOTICE_ISSUED');

    // The block really runs: still noticed a minute before the agency's day begins, effective just after.
    await sleepUntil(stack, dayStart(after) - 60_000);
    assert.is((await cases.status(caseId)).status, 'NOTICE_ISSUED', 'not effective inside the block');
    await sleepUntil(stack, dayStart(after) + 60_000);
    const result = await stack.result<ReassignmentState>(started.workflowId);
    assert.is(result.status, 'EFFECTIVE');
    firedAt(result.outcome?.at, dayStart(after), 'effective at the start of the agency day');
    assert.equal(result.outcome, { status: 'EFFECTIVE', at: result.outcome!.at, effectiveDate: after, toPositionId: 'DOE-SES-0412' });

    const events = await stack.audit.events(started.stream);
    assert.equal(
      events.map((e) => e.type),
      [
        'ReassignmentProposed',
        'ReassignmentConsultationRecorded',
        'ReassignmentNoticeIssued',
        'ReassignmentLeadershipChangeRecorded',
        'ReassignmentBlockedByMoratorium',
        'ReassignmentRescheduled',
        'ReassignmentEffected',
      ],
    );
    assert.equal(
      events.map((e) => e.meta.actor.id),
      ['hr-ana', 'aa-wong', 'aa-wong', 'hr-ana', 'hr-ana', 'hr-ana', 'workflow'],
    );
    assert.equal(replay(reassignmentDefinition, events), result, 'the auditor rebuilds the very state the workflow ended with');
    assert.ok((await stack.audit.verify(started.stream)).ok);
    await recordHistory('sesReassignment', handle);
  },
);

wf('a 60-day notice with no leadership change takes effect at the start of day 60, not before', async ({ stack, cases }) => {
  const caseId = 'RA-WF-SIXTY-1';
  await cases.start(startBody(caseId));
  await startedState(cases, caseId);
  const day0 = await agencyToday(stack);
  await cases.act(caseId, { actor: AA, action: { type: 'RecordConsultation', consultedOn: day0, reasons: 'Realignment.', executivePreferences: 'None.' } });
  const effective = addDays(day0, 60);
  await cases.act(caseId, { actor: AA, action: { type: 'IssueNotice', noticeDate: day0, effectiveDate: effective, reasons: 'Realignment.' } });
  await sleepUntil(stack, dayStart(effective) - 60_000);
  assert.is((await cases.status(caseId)).status, 'NOTICE_ISSUED');
  await sleepUntil(stack, dayStart(effective) + 60_000);
  const result = await stack.result<ReassignmentState>(`reassignment-${caseId}`);
  assert.is(result.status, 'EFFECTIVE');
  firedAt(result.outcome?.at, dayStart(effective), 'effective on day 60');
});

wf('within the commuting area the executive declines the directed reassignment: recorded, the case ends, no timer fires', async ({ stack, cases }) => {
  const caseId = 'RA-WF-DECLINE-1';
  await cases.start(startBody(caseId, { withinCommutingArea: true }));
  await startedState(cases, caseId);
  const day0 = await agencyToday(stack);
  const waiver = await refusalOf(cases.act(caseId, { actor: EXEC, action: { type: 'ConsentToShorterNotice', consentedOn: day0, statement: 'I agree.' } }));
  assert.is(waiver.error, 'reassignment.waiver.commuting-area-not-waivable');
  assert.match(waiver.message, 'not waivable');
  await cases.act(caseId, { actor: AA, action: { type: 'IssueNotice', noticeDate: day0, effectiveDate: addDays(day0, 15) } });
  await stack.env.sleep(5 * 86_400_000);
  const declined = await cases.act(caseId, { actor: EXEC, action: { type: 'DeclineReassignment', reason: 'Family reasons.' } });
  assert.is(declined.status, 'DECLINED');
  assert.equal(declined.outcome?.status === 'DECLINED' && declined.outcome.consequence, 'conduct-action');
  await stack.env.sleep(20 * 86_400_000);
  assert.equal(await eventTypes(stack, caseId), ['ReassignmentProposed', 'ReassignmentNoticeIssued', 'ReassignmentDeclined']);
});

wf.run();
