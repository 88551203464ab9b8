import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inboxSql, listCasesSql } from '../client/readModel/queries';
import { ReadModel } from '../client/readModel/readModel';
import { queryPlanOf } from './support/queryPlan';

/** The query plan of `sql` with `params` on a fresh read model. */
const planOf = (sql: string, params: Record<string, unknown>) => queryPlanOf((path) => ReadModel.open(path).close(), sql, params);

/**
 * Every look at the inbox (each person's landing page) reads a page of the rows waiting on them
 * from indexes in the inbox's own order; never every decision waiting on a role, sorted anew.
 */
test('an inbox page searches one index per branch (the person, each role) in its order, and sorts only the pages it merges', async () => {
  for (const roles of [0, 1, 3]) {
    for (const after of [false, true]) {
      const params = {
        personId: 'sup-ortiz',
        ...Object.fromEntries(Array.from({ length: roles }, (_, i) => [`role${i}`, `role-${i}`])),
        ...(after ? { afterUndated: 0, afterDueOn: '2026-12-01', afterStream: 'probation-EX-1', afterSeq: 0 } : {}),
        limit: 25,
      };
      const plan = await planOf(inboxSql(roles, after), params);
      const what = `${roles} role(s)${after ? ', after a cursor' : ''}: ${plan.join('; ')}`;
      assert.equal(
        plan.filter((step) => step.startsWith('SEARCH p ')),
        [
          'SEARCH p USING INDEX pending_inbox_person (assignee_id=?)',
          ...Array.from({ length: roles }, () => 'SEARCH p USING INDEX pending_inbox_role (assignee_role=?)'),
        ],
        what,
      );
      assert.not.ok(plan.includes('SCAN p'), `no table scan: ${what}`);
      assert.is(plan.filter((step) => step.startsWith('USE TEMP B-TREE')).length, 1, `one sort, of the merged pages: ${what}`);
    }
  }
});

test("a page of the auditor's case list is read in the list's order from its index and stops at its limit: no sort of every case", async () => {
  const values = { process: 'qrb', agency: 'DOE', status: 'APPROVED', from: '2026-01-01', to: '2026-03-31' };
  const filters: Partial<typeof values>[] = [
    {},
    { process: 'qrb' },
    { agency: 'DOE', status: 'APPROVED' },
    { from: '2026-01-01' },
    { to: '2026-03-31' },
    values,
  ];
  for (const filter of filters) {
    for (const after of [false, true]) {
      const params = { ...filter, ...(after ? { afterStartedAt: '2026-02-01T00:00:00.000Z', afterStream: 'qrb-QRB-1' } : {}), limit: 100 };
      const plan = await planOf(listCasesSql(filter, after), params);
      const what = `${JSON.stringify(filter)}${after ? ', after a cursor' : ''}: ${plan.join('; ')}`;
      assert.ok(
        plan.some((step) => /^(SCAN|SEARCH) cases USING (COVERING )?INDEX cases_by_start\b/.test(step)),
        what,
      );
      assert.not.ok(
        plan.some((step) => step.startsWith('USE TEMP B-TREE')),
        what,
      );
    }
  }
});

test.run();
