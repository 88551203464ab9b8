import { join } from 'node:path';
import { ESLint } from 'eslint';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/**
 * Determinism is enforced by the linter, so the linter's rules are tested: each
 * snippet, placed in domain/ or workflows/, must be reported by the named rule.
 */
const eslint = new ESLint({ cwd: join(__dirname, '..') });

const rulesHit = async (filePath: string, code: string): Promise<string[]> => (await rulesByLine(filePath, code)).flat();

/**
 * The rules reported on each line of the snippet, linted as `filePath` (each lint of a probe costs
 * about half a second of type-aware setup, so one probe carries many snippets, one per line).
 */
const rulesByLine = async (filePath: string, code: string): Promise<string[][]> => {
  const [result] = await eslint.lintText(code, { filePath: join(__dirname, '..', filePath) });
  const lines: string[][] = code.split('\n').map(() => []);
  for (const message of result?.messages ?? []) lines[message.line - 1]?.push(message.ruleId ?? message.message);
  return lines;
};

/** Asserts the rule is reported on every snippet's line, each snippet one line of one probe. */
const assertEachHit = async (filePath: string, rule: string, snippets: string[], epilogue = ''): Promise<void> => {
  const lines = await rulesByLine(filePath, `${snippets.join('\n')}\n${epilogue}`);
  snippets.forEach((snippet, i) => assert.ok(lines[i]!.includes(rule), `${filePath}: ${snippet}: ${lines[i]!.join(', ')}`));
};

test('domain/ may not import Node built-ins, I/O packages or Temporal', async () => {
  const sources = ['node:fs', 'fs', 'crypto', 'better-sqlite3', '@temporalio/workflow', '@kurrent/kurrentdb-client'];
  await assertEachHit(
    'domain/lintProbe.ts',
    '@typescript-eslint/no-restricted-imports',
    sources.map((source, i) => `import * as m${i} from '${source}';`),
    `export const x = [${sources.map((_, i) => `m${i}`).join(', ')}];\n`,
  );
});

test('domain/ may not read a clock or randomness', async () => {
  const lines = await rulesByLine('domain/lintProbe.ts', 'export const t = Date.now();\nexport const r = Math.random();\nexport const d = new Date();\n');
  assert.ok(lines[0]!.includes('no-restricted-properties'), lines[0]!.join(', '));
  assert.ok(lines[1]!.includes('no-restricted-properties'), lines[1]!.join(', '));
  assert.ok(lines[2]!.includes('no-restricted-syntax'), lines[2]!.join(', '));
});

test("require() in domain/ and workflows/ loads only a process's definition", async () => {
  const sources = ['node:fs', 'better-sqlite3', './qrb/events', '../client/operations'];
  for (const file of ['domain/lintProbe.ts', 'workflows/lintProbe.ts']) {
    const lines = await rulesByLine(
      file,
      [
        '/* eslint-disable @typescript-eslint/no-require-imports */',
        ...sources.map((source, i) => `export const m${i} = require('${source}');`),
        "export const allowed = require('./qrb/definition');",
      ].join('\n'),
    );
    sources.forEach((source, i) => assert.ok(lines[i + 1]!.includes('no-restricted-syntax'), `${file} ${source}: ${lines[i + 1]!.join(', ')}`));
    if (file.startsWith('domain/')) assert.not.ok(lines[sources.length + 1]!.includes('no-restricted-syntax'), lines[sources.length + 1]!.join(', '));
  }
});

test('workflows/ may import activity types but not activities, the store or Node', async () => {
  const typeOnly = await rulesHit(
    'workflows/lintProbe.ts',
    "import type { EventStoreActivities } from '../activities/appendEvents';\nexport type A = EventStoreActivities;\n",
  );
  assert.equal(typeOnly, []);
  await assertEachHit(
    'workflows/lintProbe.ts',
    '@typescript-eslint/no-restricted-imports',
    [
      "import { createEventStoreActivities } from '../activities/appendEvents';",
      "import { SqliteEventStore } from '../eventstore/sqliteEventStore';",
      "import { readFileSync } from 'node:fs';",
    ],
    'export const used = [createEventStoreActivities, SqliteEventStore, readFileSync];\n',
  );
});

test('a floating promise is an error everywhere', async () => {
  const hits = await rulesHit('client/lintProbe.ts', 'const later = async (): Promise<void> => undefined;\nlater();\n');
  assert.ok(hits.includes('@typescript-eslint/no-floating-promises'), hits.join(', '));
});

test.run();
