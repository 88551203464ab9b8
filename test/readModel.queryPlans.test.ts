import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inboxSql } from '../client/readModel/queries';
import { ReadModel } from '../client/readModel/readModel';

/**
 * Every look at the inbox (each person's landing page) reads a page of the rows waiting on them
 * from indexes in the inbox's own order; never every decision waiting on a role, sorted anew.
 */
test('an inbox page searches one index per branch (the person, each role) in its order, and sorts only the pages it merges', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-read-model-'));
  const path = join(dir, 'read-model.db');
  await ReadModel.open(path).close();
  const db = new Database(path, { readonly: true });
  try {
    for (const roles of [0, 1, 3]) {
      for (const after of [false, true]) {
        const params = {
          personId: 'sup-ortiz',
          ...Object.fromEntries(Array.from({ length: roles }, (_, i) => [`role${i}`, `role-${i}`])),
          ...(after ? { afterUndated: 0, afterDueOn: '2026-12-01', afterStream: 'probation-EX-1', afterSeq: 0 } : {}),
          limit: 25,
        };
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${inboxSql(roles, after)}`).all(params) as { detail: string }[]).map((step) => step.detail);
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
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
