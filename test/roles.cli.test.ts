import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO, cliUnderTest, ses } from './support/cliUnderTest';
import { startTestStack, type TestStack } from './support/testStack';
import { today } from './support/timeSkipping';

/** Each role's daily commands through the `ses` CLI, as child processes against the real stack. */
const cli = suite<{ stack: TestStack; dir: string; as: (userId: string) => Promise<NodeJS.ProcessEnv> }>('ses CLI: the three roles');
const STREAM = 'probation-EX-CLI-1';

cli.before(async (context) => {
  context.stack = await startTestStack();
  context.dir = mkdtempSync(join(tmpdir(), 'ses-roles-cli-'));
  context.as = (await cliUnderTest(context.stack)).as;
});
cli.after(async ({ stack }) => stack.stop());

cli('the specialist starts, the supervisor finds it in the inbox, the office sees it in a report', async ({ stack, dir, as }) => {
  const start = join(dir, 'probation-start.json');
  const body = JSON.parse(readFileSync(join(REPO, 'examples', 'probation-start.json'), 'utf8'));
  writeFileSync(start, JSON.stringify({ ...body, caseId: 'EX-CLI-1', appointmentEffectiveDate: await today(stack) }));
  const started = await ses(await as('hr-ana'), 'probation', 'start', start);
  assert.is(started.code, 0, started.err);
  // The start returns once the workflow exists; its first event follows moments later.
  for (let i = 0; !(await ses(await as('hr-ana'), 'probation', 'status', 'EX-CLI-1')).out.includes('"ON_PROBATION"'); i += 1) {
    if (i === 20) throw new Error('EX-CLI-1 never started');
  }

  const inbox = await ses(await as('sup-ortiz'), 'inbox');
  assert.is(inbox.code, 0, inbox.err);
  assert.match(inbox.out, /sup-ortiz \(supervisor\), as of /);
  assert.match(inbox.out, new RegExp(`Waiting on you \\(1\\):[\\s\\S]*${STREAM}\\s+SubmitAssessment`));
  assert.match((await ses(await as('hr-ana'), 'inbox')).out, new RegExp(`Cases you started \\(1\\):[\\s\\S]*${STREAM}\\s+ON_PROBATION`));

  // What the supervisor was told of it, and marking it read.
  const told = await ses(await as('sup-ortiz'), 'notifications', 'list', '--json');
  assert.is(told.code, 0, told.err);
  const notice = (JSON.parse(told.out) as { notifications: { id: string; kind: string; stream: string }[] }).notifications.find((n) => n.stream === STREAM);
  assert.is(notice?.kind, 'probation.started');
  assert.match((await ses(await as('sup-ortiz'), 'notifications', 'list')).out, /NEW\s+probation\.started/);
  assert.is((await ses(await as('sup-ortiz'), 'notifications', 'read', notice!.id)).code, 0);
  assert.not.match((await ses(await as('sup-ortiz'), 'notifications', 'list', '--unread')).out, new RegExp(notice!.id));
  assert.is((await ses(await as('hr-ana'), 'notifications', 'read', notice!.id)).code, 1, "not hr-ana's to mark");

  const report = await ses(await as('ero-kim'), 'report', 'probations-near-end', '--within-days', '400');
  assert.is(report.code, 0, report.err);
  assert.match(report.out, new RegExp(`^stream\\s+caseId[\\s\\S]*${STREAM}`));
  assert.is((await ses(await as('ero-kim'), 'report', 'headcount')).code, 2);
  assert.match((await ses(await as('sup-ortiz'), 'report', 'ecq-approval-rates')).err, /forbidden/);
});

cli('the auditor: list, history, what-if, verify all, export checked offline, and the access log of it all', async ({ dir, as }) => {
  const auditor = await as('aud-frank');
  assert.match((await ses(auditor, 'audit', 'list', '--process', 'probation')).out, new RegExp(`${STREAM}\\s+probation\\s+EX-CLI-1\\s+DOE`));
  const unexplained = await ses(auditor, 'audit', 'events', STREAM);
  assert.is(unexplained.code, 1);
  assert.match(unexplained.err, /purpose-required/);

  const history = await ses(auditor, 'audit', 'history', STREAM, '--purpose', 'OIG review 2026-14');
  assert.match(history.out, /^#0 ProbationStarted at .* by hr-ana \(hr-specialist\)\n\s+status: NOT_STARTED -> ON_PROBATION/m);
  const whatIf = await ses(auditor, 'audit', 'what-if', STREAM, '--policy-version', 'what-if-2yr-probation', '--purpose', 'OIG review 2026-14');
  assert.is(whatIf.code, 0, whatIf.err);
  assert.match(whatIf.out, /under what-if-2yr-probation instead of ses-2025-10-01[\s\S]*endDate: recorded \d{4}-\d\d-\d\d, what-if \d{4}/);
  const all = await ses(auditor, 'audit', 'verify', '--all');
  assert.is(all.code, 0, all.err);
  // The case's stream and the access log's day stream of the reads above: the accounting is part of the record.
  assert.match(all.out, /([2-9]) streams, \d+ events: \1 intact, 0 broken/);

  const file = join(dir, 'export.csv');
  const exported = await ses(auditor, 'audit', 'export', STREAM, '--format', 'csv', '--out', file, '--purpose', 'OIG review 2026-14');
  assert.is(exported.code, 0, exported.err);
  const offline = await ses({ ...process.env, SES_TOKEN: '' }, 'audit', 'verify-export', file);
  assert.is(offline.code, 0, offline.err);
  assert.match(offline.out, /1 events in 1 stream\(s\), every hash chain intact/);
  writeFileSync(file, readFileSync(file, 'utf8').replace('"criterion"":""C""', '"criterion"":""A""'));
  const tampered = await ses(process.env, 'audit', 'verify-export', file);
  assert.is(tampered.code, 1, tampered.out);
  assert.match(tampered.out, new RegExp(`BROKEN at line \\d+, ${STREAM} revision 0`));

  const log = await ses(auditor, 'audit', 'access-log', STREAM);
  assert.match(log.out, /hr-ana\s+hr-specialist\s+case\.status/);
  assert.match(log.out, /aud-frank\s+auditor\s+audit\.history\s+OIG review 2026-14/);
  assert.match(log.out, /audit\.export\s+OIG review 2026-14/);
  assert.not.match(log.out, /audit\.events/, 'the read refused for want of a purpose disclosed nothing');
});

cli.run();
