import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { daysBefore } from './support/qrbFixtures';
import { REPO, cliUnderTest, ses } from './support/cliUnderTest';
import { startTestStack, type TestStack } from './support/testStack';

/** The `ses` CLI end to end, as a person runs it: a child process against the real stack. */
const cli = suite<{ stack: TestStack; env: NodeJS.ProcessEnv; as: (userId: string) => Promise<NodeJS.ProcessEnv> }>('ses CLI');
const example = (name: string) => join(REPO, 'examples', name);

/** The example case, its announcement closing 10 days before now so the submission window is open. */
const exampleCase = (dir: string): string => {
  const body = JSON.parse(readFileSync(example('qrb-case.json'), 'utf8'));
  body.position.announcementClosedOn = daysBefore(new Date().toISOString(), 10);
  const path = join(dir, 'qrb-case.json');
  writeFileSync(path, JSON.stringify(body));
  return path;
};

cli.before(async (context) => {
  context.stack = await startTestStack();
  const { env, as } = await cliUnderTest(context.stack);
  context.env = env;
  context.as = as;
});
cli.after(async ({ stack }) => stack.stop());

cli('help names every command', async ({ as }) => {
  const help = await ses(await as('hr-ana'), '--help');
  assert.is(help.code, 0);
  for (const command of ['qrb submit', 'qrb convene', 'qrb vote', 'qrb status', 'audit events', 'audit replay', 'audit verify']) {
    assert.ok(help.out.includes(`ses ${command}`), command);
  }
});

cli('the example case from submission to approval, then audited', async ({ as }) => {
  const submitted = await ses(await as('hr-ana'), 'qrb', 'submit', exampleCase(mkdtempSync(join(tmpdir(), 'ses-cli-'))));
  assert.match(submitted.out, /started qrb case QRB-2026-0001: workflow qrb-QRB-2026-0001/, submitted.err);
  assert.match((await ses(await as('opm-kim'), 'qrb', 'convene', 'QRB-2026-0001', example('qrb-board.json'))).out, /BOARD_CONVENED/);
  await ses(await as('m-lee'), 'qrb', 'vote', 'QRB-2026-0001', example('qrb-vote-m-lee.json'));
  await ses(await as('m-patel'), 'qrb', 'vote', 'QRB-2026-0001', example('qrb-vote-m-patel.json'));
  const last = await ses(await as('m-chen'), 'qrb', 'vote', 'QRB-2026-0001', example('qrb-vote-m-chen.json'));
  assert.is(last.code, 0, last.err);
  assert.match(last.out, /APPROVED/);
  const status = JSON.parse((await ses(await as('hr-ana'), 'qrb', 'status', 'QRB-2026-0001', '--json')).out);
  assert.is(status.status, 'APPROVED');

  const events = await ses(await as('aud-frank'), 'audit', 'events', 'qrb-QRB-2026-0001', '--purpose', 'test audit');
  assert.match(events.out, /QrbCaseSubmitted/);
  assert.match(events.out, /QrbCaseApproved/);
  const replay = JSON.parse((await ses(await as('aud-frank'), 'audit', 'replay', 'qrb-QRB-2026-0001', '--purpose', 'test audit', '--json')).out);
  assert.equal(replay.state, status);
  assert.match(
    (await ses(await as('aud-frank'), 'audit', 'replay', 'qrb-QRB-2026-0001', '--purpose', 'test audit', '--revision', '1')).out,
    /through revision 1 .*\n.*BOARD_CONVENED/,
  );
  assert.match((await ses(await as('aud-frank'), 'audit', 'verify', 'qrb-QRB-2026-0001', '--purpose', 'test audit')).out, /hash chain intact \(6 events\)/);
});

cli(
  'checkpoints from the command line: signed, listed, copied off; verify stands on the copy; an export checks offline with the public key',
  async ({ env, as }) => {
    const aud = await as('aud-frank');
    const dir = mkdtempSync(join(tmpdir(), 'ses-cli-'));
    const publicKey = (await ses(env, 'audit', 'checkpoint', 'public-key')).out.trim();
    assert.match(publicKey, /^[A-Za-z0-9_-]{43}$/, 'printed without a token');
    assert.match((await ses(aud, 'audit', 'checkpoint', 'create')).out, /signed checkpoint #1: \d+ streams through position \d+, root [0-9a-f]{64}/);
    assert.match((await ses(aud, 'audit', 'checkpoint', 'list')).out, /ed25519:[0-9a-f]{16}/);
    const copy = join(dir, 'checkpoints.json');
    assert.match((await ses(aud, 'audit', 'checkpoint', 'export', '--out', copy)).out, /\(1 checkpoint\)/);
    const verified = await ses(aud, 'audit', 'verify', '--all', '--checkpoint', copy);
    assert.is(verified.code, 0, verified.out + verified.err);
    assert.match(verified.out, /anchored to checkpoint #1 of .* \(your copy, /);
    const file = join(dir, 'export.jsonl');
    assert.is((await ses(aud, 'audit', 'export', 'qrb-QRB-2026-0001', '--out', file, '--purpose', 'test audit')).code, 0);
    const offline = await ses(env, 'audit', 'verify-export', file, '--public-key', publicKey);
    assert.is(offline.code, 0, offline.out + offline.err);
    assert.match(offline.out, /anchored: checkpoint #1 of .* is signed by the checkpoint key/, offline.out);
  },
);

cli('verify names the tampered revision and exits 1', async ({ as, stack }) => {
  const db = new Database(stack.storePath);
  db.prepare(`UPDATE events SET data = json_set(data, '$.memberId', 'm-forged') WHERE stream = ? AND revision = 3`).run('qrb-QRB-2026-0001');
  db.close();
  const verify = await ses(await as('aud-frank'), 'audit', 'verify', 'qrb-QRB-2026-0001', '--purpose', 'test audit');
  assert.is(verify.code, 1);
  assert.match(verify.out, /BROKEN at revision 3/);
});

cli('refusals name the field and rule, exit 1; usage errors exit 2', async ({ env, as }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-cli-'));
  const vote = join(dir, 'vote.json');
  writeFileSync(vote, JSON.stringify({ memberId: 'm-lee', ratings: {} }));
  const decided = await ses(await as('m-lee'), 'qrb', 'vote', 'QRB-2026-0001', vote);
  assert.is(decided.code, 1);
  assert.match(decided.err, /qrb\.vote\./);
  const forYou = await ses(await as('m-patel'), 'qrb', 'vote', 'QRB-2026-0001', vote);
  assert.is(forYou.code, 1);
  assert.match(forYou.err, /error \(forbidden\): memberId names m-lee, but the token is m-patel's/);

  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, JSON.stringify({ caseId: 'x' }));
  const invalid = await ses(await as('hr-ana'), 'qrb', 'submit', badJson);
  assert.is(invalid.code, 1);
  assert.match(invalid.err, /caseId: must be 3-64 letters/);
  assert.match(invalid.err, /criterion:/);

  assert.is((await ses(await as('hr-ana'), 'qrb', 'submit', join(dir, 'missing.json'))).code, 2);
  assert.is((await ses(await as('hr-ana'), 'qrb', 'fly')).code, 2);
  assert.match((await ses({ ...env, API_PORT: 'eighty' }, 'qrb', 'status', 'X')).err, /API_PORT/);
  const unknown = await ses(await as('hr-ana'), 'qrb', 'status', 'QRB-NOPE');
  assert.is(unknown.code, 1);
  assert.match(unknown.err, /no such case/);
});

cli('every command but help and token mint needs a valid token', async ({ env }) => {
  const anonymous = await ses(env, 'qrb', 'status', 'QRB-2026-0001');
  assert.is(anonymous.code, 1);
  assert.match(anonymous.err, /error \(unauthenticated\): no bearer token/);
  assert.match((await ses({ ...env, SES_TOKEN: 'not.a.jwt' }, 'whoami')).err, /unauthenticated.*not valid/);
  const minted = await ses(env, 'token', 'mint', 'aud-frank', '--ttl', '60');
  assert.is(minted.code, 0, minted.err);
  assert.match(minted.out.trim(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.match((await ses({ ...env, SES_TOKEN: minted.out.trim() }, 'whoami')).out, /aud-frank \(auditor\)/);
  const nobody = await ses(env, 'token', 'mint', 'nobody');
  assert.is(nobody.code, 1);
  assert.match(nobody.err, /no user "nobody" in .*users\.json; known: hr-ana/);
  const auditorWrites = await ses({ ...env, SES_TOKEN: minted.out.trim() }, 'rotation', 'start', example('rotation-start.json'));
  assert.is(auditorWrites.code, 1);
  assert.match(auditorWrites.err, /forbidden.*aud-frank \(auditor\) may not case\.start/);
});

cli('the other processes: start, act and status from example files; replay by stream', async ({ as }) => {
  const started = await ses(await as('hr-ana'), 'rotation', 'start', example('rotation-start.json'));
  assert.is(started.code, 0, started.err);
  assert.match(started.out, /started rotation case ROT-2026-0007: workflow rotation-ROT-2026-0007/);
  const interest = await ses(await as('emp-okafor'), 'rotation', 'act', 'ROT-2026-0007', example('rotation-interest.json'), '--json');
  assert.is(interest.code, 0, interest.err);
  assert.is(JSON.parse(interest.out).status, 'INTEREST_SUBMITTED');
  assert.is(JSON.parse((await ses(await as('hr-ana'), 'rotation', 'status', 'ROT-2026-0007', '--json')).out).status, 'INTEREST_SUBMITTED');
  assert.match(
    (await ses(await as('aud-frank'), 'audit', 'replay', 'rotation-ROT-2026-0007', '--purpose', 'test audit')).out,
    /through revision 1 \(2 events\)/,
  );
  const early = await ses(await as('host-park'), 'rotation', 'act', 'ROT-2026-0007', example('rotation-begin.json'));
  assert.is(early.code, 1);
  assert.match(early.err, /rotation\./);
  assert.is((await ses(await as('hr-ana'), 'rotation', 'promote', 'ROT-2026-0007')).code, 2);
});

cli.run();
