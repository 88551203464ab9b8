import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Authenticator } from '../client/auth/authenticator';
import { loadConfig } from '../client/config';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { appendAppraisal, appraisalStart } from './support/appraisalViewCases';
import { REPO, ses } from './support/cliUnderTest';

/** `ses appraisal-cycle` as a person runs it: a child process on a real store; the views need no Temporal (its address answers nobody). */
const cli = suite<{ dir: string; as: (person: string) => Promise<NodeJS.ProcessEnv> }>('ses appraisal-cycle');

cli.before(async (context) => {
  context.dir = mkdtempSync(join(tmpdir(), 'ses-appraisal-cli-'));
  const storePath = join(context.dir, 'events.db');
  const store = SqliteEventStore.open(storePath);
  for (const [caseId, level] of [
    ['APR-C1', 5],
    ['APR-C2', 4],
    ['APR-C3', 3],
    ['APR-C4', 3],
    ['APR-C5', 3],
  ] as const) {
    await appendAppraisal(store, appraisalStart(caseId), { initialLevel: level, panelId: 'PRB-DOE-C', prbLevel: level });
  }
  await store.close();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    EVENTSTORE_URL: `sqlite:${storePath}`,
    DATA_DIR: join(context.dir, 'data'),
    AUTH_USERS_FILE: join(REPO, 'config', 'users.json'),
  };
  const authenticator = await Authenticator.fromConfig(loadConfig(env));
  context.as = async (person) => ({ ...env, SES_TOKEN: (await authenticator.mint(person)).token });
});
cli.after(({ dir }) => rmSync(dir, { recursive: true, force: true }));

cli('panels and one panel: members with career flag, each executive with the PRB recommendation', async ({ as }) => {
  const panels = await ses(await as('ero-kim'), 'appraisal-cycle', 'panels', '--agency', 'DOE');
  assert.is(panels.code, 0, panels.err);
  assert.match(panels.out, /PRB-DOE-C\s+DOE\s+FY2026\s+prb-adams \(career\), prb-baker \(career\), prb-cruz\s+yes\s+5\s+5\s+0/);
  const panel = await ses(await as('aa-wong'), 'appraisal-cycle', 'panel', 'PRB-DOE-C');
  assert.is(panel.code, 0, panel.err);
  assert.match(panel.out, /APR-C2\s+ex-apr-c2\s+yes\s+PRB_RECOMMENDED\s+4\s+not-requested\s+4/);
});

cli('rating-cap says over the cap by N before final ratings, and nothing of a cap under the what-if', async ({ as }) => {
  const capped = await ses(await as('ero-kim'), 'appraisal-cycle', 'rating-cap');
  assert.is(capped.code, 0, capped.err);
  // 2 of 5 at Levels 4-5; 30 % of 5 allows 1.
  assert.match(capped.out, /DOE\s+FY2026\s+ses-2025-10-01\s+5\s+5\s+0\s+2\s+40%\s+30%\s+OVER the cap by 1/);
  const whatIf = JSON.parse((await ses(await as('ero-kim'), 'appraisal-cycle', 'rating-cap', '--policy-version', 'what-if-no-rating-cap', '--json')).out);
  assert.equal([whatIf.whatIfPolicyVersion, whatIf.items[0].cap, whatIf.items[0].overBy], ['what-if-no-rating-cap', null, null]);
});

cli('the distribution, and refusals: an executive may not read the view; a recommendation out of range names its field (exit 1)', async ({ as, dir }) => {
  const report = JSON.parse((await ses(await as('hr-ana'), 'report', 'appraisal-ratings-by-level', '--json')).out);
  assert.equal(
    report.map((r: { agency: string; finalRated: number }) => [r.agency, r.finalRated]),
    [['DOE', 0]],
  );
  const distribution = await ses(await as('aa-wong'), 'appraisal-cycle', 'distribution', '--cycle', 'FY2026');
  assert.match(distribution.out, /DOE\s+FY2026\s+5\s+0\s+0\s+0\s+0\s+0\s+0/, distribution.err);
  const refused = await ses(await as('ex-rivera'), 'appraisal-cycle', 'panels');
  assert.is(refused.code, 1);
  assert.match(refused.err, /may not appraisal\.agency-view/);
  // Refused before any case's workflow is asked (this CLI's Temporal answers nobody): the field and the rule named.
  const file = join(dir, 'recommendations.json');
  const recommendation = { caseId: 'APR-C1', recommendedLevel: 6, recommendation: 'x' };
  writeFileSync(file, JSON.stringify({ actor: { id: 'prb-adams', role: 'supervisor' }, recommendations: [recommendation] }));
  const act = await ses(await as('prb-adams'), 'appraisal-cycle', 'recommend', 'PRB-DOE-C', file);
  assert.is(act.code, 1, act.err);
  assert.match(act.err, /recommendations\.0\.recommendedLevel: must be a summary level from 1 \(unsatisfactory\) to 5 \(outstanding\)/);
});

cli.run();
