import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../domain/calendar';
import { onboardingDefinition } from '../domain/onboarding';
import type { Actor } from '../domain/roles';
import { rotationDefinition } from '../domain/rotation';
import { isFresh } from '../client/bin/build';
import { NotificationDelivery, smtpMailer } from '../client/notifications/delivery';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from './support/smtpReceiver';
import { startTestStack, type TestStack } from './support/testStack';
import { sleepUntil, startOf, startedState, today } from './support/timeSkipping';

/** Notifications reach people: the outbox over the real store, mail through a real SMTP server, on the time-skipping server. */
const notify = suite<{ stack: TestStack; api: ApiUnderTest; smtp: SmtpReceiver }>('Notifications by mail');
const meets = allRatings('ecq-2025');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

notify.before(async (context) => {
  context.stack = await startTestStack();
  context.api = await startApiUnderTest(context.stack);
  context.smtp = await startSmtpReceiver();
});
notify.after(async ({ stack, api, smtp }) => {
  await smtp.close();
  await api.stop();
  await stack.stop();
});

/** Runs delivery passes (outbox caught up first) until `done` holds for the mail received. */
const deliverUntil = async (
  { api, stack }: { api: ApiUnderTest; stack: TestStack },
  smtp: SmtpReceiver,
  done: (mail: ReceivedMail[]) => boolean,
  options: { retryBaseMs?: number; log?: typeof quiet } = {},
): Promise<ReceivedMail[]> => {
  const mailer = smtpMailer(smtp.url, 'SES <no-reply@ses.example>');
  const delivery = new NotificationDelivery(api.notifications, {
    send: mailer.send,
    baseUrl: 'http://app.example',
    log: options.log ?? quiet,
    retryBaseMs: options.retryBaseMs ?? 100,
    now: async () => Date.parse(await stack.now()),
  });
  try {
    for (const deadline = Date.now() + 30_000; !done(smtp.received);) {
      if (Date.now() > deadline)
        throw new Error(
          `not delivered in 30 s; received: ${JSON.stringify(smtp.received.map((m) => [m.kind, m.to]))}; outbox: ${JSON.stringify(api.notifications.db.prepare('SELECT kind, person_id, status, attempts, last_error, stream FROM notifications').all())}`,
        );
      await api.notifications.catchUp(stack.store);
      await delivery.deliverDue();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return smtp.received;
  } finally {
    mailer.close();
  }
};

const about = (mail: ReceivedMail[], caseId: string, kind: string) => mail.filter((m) => m.kind === kind && m.text.includes(caseId));
const recipients = (mail: ReceivedMail[]) => mail.flatMap((m) => m.to).sort();

notify('a QRB vote reminder after 7 days reaches exactly the members who have not voted', async (context) => {
  const { api, stack, smtp } = context;
  const caseId = 'QRB-NOTE-1';
  await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId }));
  await api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/board`, board());
  assert.is((await api.call('m-lee', 'POST', `/qrb-cases/${caseId}/votes`, { memberId: 'm-lee', ratings: meets })).status, 200);
  const convened = about(await deliverUntil(context, smtp, (mail) => about(mail, caseId, 'qrb.board-convened').length === 3), caseId, 'qrb.board-convened');
  assert.equal(recipients(convened), ['m-chen@agency.example', 'm-lee@agency.example', 'm-patel@agency.example']);

  await stack.env.sleep('7 days');
  await stack.env.sleep('1 hour');
  const reminders = about(await deliverUntil(context, smtp, (mail) => about(mail, caseId, 'qrb.vote-reminder').length >= 2), caseId, 'qrb.vote-reminder');
  assert.equal(recipients(reminders), ['m-chen@agency.example', 'm-patel@agency.example'], 'm-lee voted: not reminded');
  assert.match(reminders[0]!.text, /http:\/\/app\.example\/qrb-cases\/QRB-NOTE-1/);
  assert.ok(reminders.every((m) => m.messageId === `<${m.messageId.slice(1, -1)}>` && m.messageId.endsWith('@ses-workflows.local>')));

  // The same notifications in the application, newest first, read or unread.
  const inApp = await api.call('m-patel', 'GET', '/notifications');
  assert.is(inApp.status, 200);
  const kinds = inApp.body.items.map((n: { kind: string }) => n.kind);
  assert.equal(kinds.slice(0, 2), ['qrb.vote-reminder', 'qrb.board-convened']);
  assert.is(inApp.body.unread, inApp.body.items.length);
  const read = await api.call('m-patel', 'POST', `/notifications/${inApp.body.items[0].id}/read`, {});
  assert.is(read.status, 200);
  assert.is((await api.call('m-patel', 'GET', '/notifications?unread=true')).body.items.length, inApp.body.items.length - 1);
  assert.is((await api.call('m-lee', 'POST', `/notifications/${inApp.body.items[0].id}/read`, {})).status, 404, "not m-lee's notification");
  assert.not.ok(
    (await api.call('m-lee', 'GET', '/notifications')).body.items.some(
      (n: { kind: string; stream: string }) => n.kind === 'qrb.vote-reminder' && n.stream === `qrb-${caseId}`,
    ),
  );
});

notify('a rotation ended early by the host reaches the home agency official and HR', async (context) => {
  const { stack, smtp } = context;
  const cases = stack.casesOf(rotationDefinition);
  const caseId = 'ROT-NOTE-1';
  const as = (id: string, role: Actor['role']): Actor => ({ id, role });
  await cases.start({
    caseId,
    cohortId: 'PMC-IRP-2026-C1',
    participant: { id: 'emp-okafor', homeAgency: 'DOE', grade: 'GS-15', careerTenure: true, monthsFullTimeService: 64, lastRatingLevel: 5 },
    startedBy: 'hr-ana',
  });
  await startedState(cases, caseId, 'NOT_OPENED');
  await cases.act(caseId, {
    actor: as('emp-okafor', 'employee'),
    action: { type: 'SubmitStatementOfInterest', resume: 'Branch chief.', targetEcqs: ['leading-people'] },
  });
  await cases.act(caseId, {
    actor: as('home-diaz', 'home-agency-official'),
    action: { type: 'NominateParticipant', supervisorConcurrence: { supervisorId: 'sup-ortiz', concurredOn: await today(stack) } },
  });
  await cases.act(caseId, {
    actor: as('opm-reyes', 'opm-rotation-team'),
    action: { type: 'MatchHost', hostAgency: 'OMB', hostSupervisorId: 'sup-hollis', assignmentTitle: 'Senior Program Examiner' },
  });
  const sign = { type: 'SignAgreement', terms: { reimbursable: false, appraisingAgency: 'host' } } as const;
  await cases.act(caseId, { actor: as('home-diaz', 'home-agency-official'), action: sign });
  await cases.act(caseId, { actor: as('host-park', 'host-agency-official'), action: sign });
  await cases.act(caseId, { actor: as('host-park', 'host-agency-official'), action: { type: 'StartRotation', startDate: await today(stack) } });
  await stack.env.sleep('30 days');
  const ended = await cases.act(caseId, {
    actor: as('host-park', 'host-agency-official'),
    action: { type: 'TerminateEarly', reason: 'The host office was reorganized.' },
  });
  assert.is(ended.status, 'TERMINATED_EARLY');

  const early = about(
    await deliverUntil(context, smtp, (mail) => about(mail, caseId, 'rotation.terminated-early').length >= 2),
    caseId,
    'rotation.terminated-early',
  );
  assert.ok(recipients(early).includes('home-diaz@agency.example'), JSON.stringify(recipients(early)));
  assert.ok(recipients(early).includes('hr-ana@agency.example'));
  assert.not.ok(
    early.some((m) => m.text.includes('reorganized')),
    'the reason is case content, not mail content',
  );
});

notify('an onboarding milestone missed for 14 days after its reminder escalates to the executive-resources office and the supervisor', async (context) => {
  const { stack, smtp } = context;
  const cases = stack.casesOf(onboardingDefinition);
  const caseId = 'EX-NOTE-1';
  const effective = addDays(await today(stack), 2);
  await cases.start({ caseId, executiveId: 'ex-rivera', agency: 'DOE', appointmentEffectiveDate: effective, reason: 'new-appointment', startedBy: 'hr-ana' });
  await startedState(cases, caseId);
  await cases.act(caseId, {
    actor: { id: 'hr-ana', role: 'hr-specialist' },
    action: { type: 'AssignSupervisorAndMentor', supervisorId: 'sup-ortiz', mentorId: 'men-park' },
  });
  await cases.act(caseId, { actor: { id: 'ero-kim', role: 'executive-resources-office' }, action: { type: 'ConfirmMilestone', milestoneId: 'pre-boarding' } });
  // The assignment confirmed "supervisor and mentor assigned". first-week is due 7 days after the effective date:
  // reminded when DOE's next day begins, escalated 14 days later (Washington's midnight is at most 5 hours after UTC's).
  await sleepUntil(stack, startOf(addDays(effective, 7 + 1 + 14)) + 6 * 3_600_000);

  const escalated = about(
    await deliverUntil(context, smtp, (mail) => about(mail, caseId, 'onboarding.milestone-escalated').length >= 2),
    caseId,
    'onboarding.milestone-escalated',
  );
  assert.equal([...new Set(recipients(escalated))], ['ero-kim@agency.example', 'sup-ortiz@agency.example']);
  const reminded = about(smtp.received, caseId, 'onboarding.milestone-reminder');
  assert.equal([...new Set(recipients(reminded))], ['sup-ortiz@agency.example'], 'the reminder went to the owner, the supervisor');
});

notify('an SMTP server that refuses for a while gets the mail later; each failure is reported, none is dropped', async (context) => {
  const { api } = context;
  const refusing = await startSmtpReceiver({ refuseFirst: 3 });
  const warnings: unknown[] = [];
  const grant = {
    delegationId: 'DEL-NOTE-1',
    from: 'aa-wong',
    to: 'aa-acting',
    role: 'appointing-authority',
    approvals: ['CertifyProbation'],
    validFrom: await today(context.stack),
    validUntil: addDays(await today(context.stack), 30),
    reason: 'Leave.',
  };
  const granted = await api.call('aa-wong', 'POST', '/delegations', grant);
  assert.is(granted.status, 201, JSON.stringify(granted.body));
  const mail = about(
    await deliverUntil(context, refusing, (received) => about(received, 'DEL-NOTE-1', 'delegation.granted').length >= 2, {
      log: { ...quiet, warn: (...args: unknown[]) => void warnings.push(args) },
    }),
    'DEL-NOTE-1',
    'delegation.granted',
  );
  assert.equal(recipients(mail), ['aa-acting@agency.example', 'aa-wong@agency.example']);
  assert.is(refusing.refused(), 3);
  assert.ok(warnings.length >= 3, 'every failed attempt is reported');
  const rows = api.notifications.db.prepare(`SELECT status, attempts FROM notifications WHERE stream = 'delegation-DEL-NOTE-1'`).all() as {
    status: string;
    attempts: number;
  }[];
  assert.ok(rows.every((r) => r.status === 'sent'));
  assert.ok(
    rows.some((r) => r.attempts > 1),
    'sent on a later attempt',
  );
  await refusing.close();
});

notify('mail goes over one kept connection, opened again once the server closed it for idleness', async () => {
  // Two seconds: far longer than the gaps between the first five sends, even on a loaded machine.
  const smtp = await startSmtpReceiver({ idleMs: 2_000 });
  const mailer = smtpMailer(smtp.url, 'SES <no-reply@ses.example>');
  const send = (n: number) =>
    mailer.send({ to: 'hr-ana@agency.example', subject: `notice ${n}`, text: 'text', messageId: `<kept-${n}@ses-workflows.local>`, kind: 'test.kept' });
  try {
    for (let n = 1; n <= 5; n++) await send(n);
    assert.is(smtp.connections(), 1, 'five messages, one connection');
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the server closes the idle connection
    for (let n = 6; n <= 7; n++) await send(n);
    assert.equal(
      smtp.received.map((m) => m.subject),
      [1, 2, 3, 4, 5, 6, 7].map((n) => `notice ${n}`),
    );
    assert.is(smtp.connections(), 2, 'a new connection once the first was closed');
  } finally {
    mailer.close();
    await smtp.close();
  }
});

notify('a notifier killed in the middle of a batch and started again sends every notification once', async ({ stack, api }) => {
  for (const caseId of ['QRB-NOTE-K1', 'QRB-NOTE-K2', 'QRB-NOTE-K3']) {
    await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId }));
    assert.is((await api.call('opm-kim', 'POST', `/qrb-cases/${caseId}/board`, board())).status, 200);
  }
  const smtp = await startSmtpReceiver({ holdMs: 250 });
  const dataDir = mkdtempSync(join(tmpdir(), 'ses-notifier-'));
  // The compiled notifier, as `npm run notifier` runs it, when dist/ is fresh; else its sources through tsx.
  const notifier = isFresh()
    ? [join(__dirname, '..', 'dist', 'client', 'notifications', 'main.js')]
    : ['-r', 'tsx/cjs', join(__dirname, '..', 'client', 'notifications', 'main.ts')];
  const start = (): ChildProcess =>
    spawn(process.execPath, notifier, {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        EVENTSTORE_URL: `sqlite:${stack.storePath}`,
        SMTP_URL: smtp.url,
        AUTH_USERS_FILE: join(__dirname, '..', 'config', 'users.json'),
        LOG_LEVEL: 'error',
        NOTIFY_RETRY_MS: '100',
        NOTIFY_CLAIM_MS: '1500',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const waitFor = async (condition: () => boolean, what: string) => {
    for (const deadline = Date.now() + 60_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  };
  const stopped = (child: ChildProcess, signal: NodeJS.Signals) => {
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    return exited.finally(() => clearTimeout(force));
  };
  const first = start();
  let second: ChildProcess | undefined;
  let ids: string[];
  try {
    // Killed while the server holds a message it has not yet accepted.
    await waitFor(() => smtp.received.length >= 3 && smtp.arriving() > smtp.received.length, 'three accepted and one in flight');
    await stopped(first, 'SIGKILL');
    const acceptedBeforeRestart = smtp.received.length;
    // The kill fell mid-message; the rest (some 60 notifications of the suite's cases) need not each wait.
    smtp.holdEach(0);

    second = start();
    const outbox = new Database(join(dataDir, 'notifications.db'), { readonly: true });
    // Reminders scheduled ahead (notBefore, on the skipped clock) are not due on the wall clock: left out here.
    const count = (where: string) => (outbox.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE not_before IS NULL AND ${where}`).get() as { n: number }).n;
    const total = () => count(`status IN ('pending', 'sent')`);
    await waitFor(() => total() > acceptedBeforeRestart && count(`status = 'pending'`) === 0 && smtp.received.length >= total(), 'every notification sent');
    ids = (outbox.prepare(`SELECT id FROM notifications WHERE status = 'sent'`).all() as { id: string }[]).map((r) => `<${r.id}@ses-workflows.local>`).sort();
    outbox.close();
  } finally {
    await stopped(first, 'SIGKILL');
    if (second) await stopped(second, 'SIGTERM');
  }

  const received = smtp.received.map((m) => m.messageId).sort();
  assert.equal(received, [...new Set(received)], 'no message twice');
  assert.equal(received, ids, 'every notification once');
  await smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

notify.run();
