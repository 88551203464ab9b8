import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { People } from '../client/auth/people';
import { CANCEL_PENDING_SQL, NotificationOutbox } from '../client/notifications/outbox';

/**
 * The outbox cancels a case's pending reminders on every event it follows, on the API's thread:
 * that statement must search the case's rows, not every pending reminder of every case.
 */
test("cancelling a case's pending notices searches that case's rows by an index, never the pending rows of every case", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-outbox-'));
  const path = join(dir, 'notifications.db');
  await NotificationOutbox.open(path, People.fromFile(join(__dirname, '..', 'config', 'users.json'))).close();
  const db = new Database(path, { readonly: true });
  try {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CANCEL_PENDING_SQL}`).all('qrb-QRB-1', 'QrbVoteCast') as { detail: string }[]).map((step) => step.detail);
    assert.ok(plan.includes('SEARCH notifications USING INDEX notifications_by_stream (stream=? AND status=?)'), plan.join('; '));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
