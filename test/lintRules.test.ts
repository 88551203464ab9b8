import { join } from 'node:path';
import { ESLint } from 'eslint';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/**
 * Determinism is enforced by the linter, so the linter's rules are tested: each
 * snippet, placed in domain/ or workflows/, must be reported by the named rule.
 */
const eslint = new ESLint({ cwd: join(__dirname, '..') });

const rulesHit = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: join(__dirname, '..', filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
};

test('domain/ may not import Node built-ins, I/O packages or Temporal', async () => {
  for (const source of ['node:fs', 'fs', 'crypto', 'better-sqlite3', '@temporalio/workflow', '@kurrent/kurrentdb-client']) {
    const hits = await rulesHit('domain/lintProbe.ts', `import * as m from '${source}';\nexport const x = m;\n`);
    assert.ok(hits.includes('@typescript-eslint/no-restricted-imports'), `${source}: ${hits.join(', ')}`);
  }
});

test('domain/ may not read a clock or randomness', async () => {
  assert.ok((await rulesHit('domain/lintProbe.ts', 'export const t = Date.now();\n')).includes('no-restricted-properties'));
  assert.ok((await rulesHit('domain/lintProbe.ts', 'export const r = Math.random();\n')).includes('no-restricted-properties'));
  assert.ok((await rulesHit('domain/lintProbe.ts', 'export const d = new Date();\n')).includes('no-restricted-syntax'));
});

test("require() in domain/ and workflows/ loads only a process's definition", async () => {
  for (const file of ['domain/lintProbe.ts', 'workflows/lintProbe.ts']) {
    for (const source of ['node:fs', 'better-sqlite3', './qrb/events', '../client/operations']) {
      const hits = await rulesHit(file, `/* eslint-disable @typescript-eslint/no-require-imports */\nexport const m = require('${source}');\n`);
      assert.ok(hits.includes('no-restricted-syntax'), `${file} ${source}: ${hits.join(', ')}`);
    }
  }
  const allowed = await rulesHit(
    'domain/lintProbe.ts',
    `/* eslint-disable @typescript-eslint/no-require-imports */\nexport const m = require('./qrb/definition');\n`,
  );
  assert.not.ok(allowed.includes('no-restricted-syntax'), allowed.join(', '));
});

test('workflows/ may import activity types but not activities, the store or Node', async () => {
  const typeOnly = await rulesHit(
    'workflows/lintProbe.ts',
    "import type { EventStoreActivities } from '../activities/appendEvents';\nexport type A = EventStoreActivities;\n",
  );
  assert.equal(typeOnly, []);
  const value = await rulesHit(
    'workflows/lintProbe.ts',
    "import { createEventStoreActivities } from '../activities/appendEvents';\nexport const a = createEventStoreActivities;\n",
  );
  assert.ok(value.includes('@typescript-eslint/no-restricted-imports'));
  const store = await rulesHit(
    'workflows/lintProbe.ts',
    "import { SqliteEventStore } from '../eventstore/sqliteEventStore';\nexport const s = SqliteEventStore;\n",
  );
  assert.ok(store.includes('@typescript-eslint/no-restricted-imports'));
  assert.ok(
    (await rulesHit('workflows/lintProbe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).includes(
      '@typescript-eslint/no-restricted-imports',
    ),
  );
});

test('a floating promise is an error everywhere', async () => {
  const hits = await rulesHit('client/lintProbe.ts', 'const later = async (): Promise<void> => undefined;\nlater();\n');
  assert.ok(hits.includes('@typescript-eslint/no-floating-promises'), hits.join(', '));
});

test.run();
