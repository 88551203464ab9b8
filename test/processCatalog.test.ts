import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PROCESS_CATALOG, processOfName, processOfWorkflowType } from '../domain/processCatalog';
import { PROCESSES } from '../domain/processes';

/**
 * The workflow finds its process in domain/processCatalog.ts, which loads one process's definition
 * on first use instead of every process's: the catalog must name exactly the processes of PROCESSES.
 */
test('the catalog holds every process of PROCESSES, in order, by name and workflow type, and loads the very definition', () => {
  assert.equal(
    PROCESS_CATALOG.map(({ name, workflowType }) => ({ name, workflowType })),
    PROCESSES.map(({ name, workflowType }) => ({ name, workflowType })),
  );
  for (const [i, entry] of PROCESS_CATALOG.entries()) {
    assert.is(entry.load(), PROCESSES[i], entry.name);
    assert.is(processOfWorkflowType(entry.workflowType), PROCESSES[i], entry.workflowType);
    assert.is(processOfName(entry.name), PROCESSES[i], entry.name);
  }
  assert.is(processOfWorkflowType('noSuchWorkflow'), undefined);
  assert.is(processOfName('nosuch'), undefined);
});

test('loading QRB from the catalog loads no other process’s modules but the policies every process shares (domain/policyVersions.ts)', () => {
  // A fresh process: this file's own imports loaded every process already.
  const script = `
    const { processOfWorkflowType } = require('./domain/processCatalog');
    const qrb = processOfWorkflowType('qrbCase');
    const loaded = Object.keys(require.cache).filter((f) => f.includes('/domain/')).map((f) => f.slice(f.indexOf('/domain/') + 8));
    console.log(JSON.stringify({ name: qrb.name, files: loaded.filter((f) => f.includes('/') && !f.startsWith('qrb/')).sort() }));
  `;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  assert.equal(JSON.parse(out), {
    name: 'qrb',
    files: ['appraisal/policy.ts', 'notifications/qrbNotices.ts', 'notifications/table.ts', 'reassignment/policy.ts'],
  });
});

test('the workflows’ zod compiles no parser: workflows/index.ts sets jitless before any schema is built, and QRB inputs still parse and refuse', () => {
  // A fresh process, as a workflow starts: count what zod compiles (new Function) while a QRB submission and a bad one are parsed.
  const script = `
    let compiled = 0;
    const RealFunction = Function;
    globalThis.Function = new Proxy(RealFunction, { construct: (target, args) => { compiled += 1; return Reflect.construct(target, args); } });
    require('./workflows');
    const { qrbDefinition } = require('./domain/qrb/definition');
    const { submission } = require('./test/support/qrbFixtures');
    const parsed = qrbDefinition.startSchema.safeParse(submission({ caseId: 'JIT-1' }));
    const refused = qrbDefinition.startSchema.safeParse({ ...submission({ caseId: 'JIT-2' }), caseId: 7 });
    console.log(JSON.stringify({ compiled, parsed: parsed.success && parsed.data.caseId, refused: refused.success }));
  `;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  assert.equal(JSON.parse(out.trim().split('\n').at(-1)!), { compiled: 0, parsed: 'JIT-1', refused: false });
});

test.run();
