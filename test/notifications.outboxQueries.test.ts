import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { People } from '../client/auth/people';
import { CANCEL_PENDING_SQL, DUE_SQL, NotificationOutbox, UNREAD_COUNT_SQL } from '../client/notifications/outbox';
import { qrbDefinition } from '../domain/qrb';
import { appendDrivenCase } from './support/appendDrivenCase';
import { QRB_A, QRB_A_SUBMITTED, QRB_B } from './support/caseCommands';
import { queryPlanOf } from './support/queryPlan';
import { withTempStore } from './support/tempStore';

/**
 * What the outbox asks often, on the API's thread (for every event it follows, every second,
 * every look at a person's notifications), searches through an index for the rows it wants: the
 * table keeps every notification ever sent, and reminders are scheduled far ahead.
 */
const outboxQueries = test;

/** The query plan of `sql` on a fresh outbox file. */
const planOf = (sql: string, ...params: unknown[]) =>
  queryPlanOf((path) => NotificationOutbox.open(path, People.fromFile(join(__dirname, '..', 'config', 'users.json'))).close(), sql, ...params);

outboxQueries("cancelling a case's pending notices, on every event followed, searches that case's rows by an index", async () => {
  const plan = await planOf(CANCEL_PENDING_SQL, 'qrb-QRB-1', 'QrbVoteCast');
  assert.ok(plan.includes('SEARCH notifications USING INDEX notifications_by_stream (stream=? AND status=?)'), plan.join('; '));
});

outboxQueries('the rows due for delivery, asked every second, are searched by status and time: reminders scheduled ahead are never read', async () => {
  const plan = await planOf(DUE_SQL, { nowMs: Date.now(), now: new Date().toISOString(), limit: 100 });
  const searches = plan.filter((step) => step.startsWith('SEARCH'));
  assert.is(searches.length, 2, plan.join('; '));
  for (const search of searches)
    assert.match(search, /^SEARCH notifications USING INDEX notifications_scheduled \(status=\? AND not_before[=<]\?/, plan.join('; '));
  assert.not.ok(
    plan.some((step) => step.startsWith('SCAN')),
    plan.join('; '),
  );
});

outboxQueries("a person's unread count reads their unread rows only, not every notification they ever had", async () => {
  const plan = await planOf(UNREAD_COUNT_SQL, { personId: 'hr-ana', now: new Date().toISOString() });
  assert.equal(plan, ['SEARCH notifications USING INDEX notifications_unread (person_id=?)']);
});

outboxQueries('a notice to a role reaches the people tokens introduced with that role, and only them', async () => {
  await withTempStore(async (store, { dir }) => {
    const outbox = NotificationOutbox.open(join(dir, 'notifications.db'), People.fromFile(join(__dirname, '..', 'config', 'users.json')));
    try {
      outbox.rememberPerson({ id: 'oidc-staff', name: 'Staff', roles: ['auditor', 'opm-qrb-staff'], email: 'staff@agency.example' });
      outbox.rememberPerson({ id: 'oidc-rotation', name: 'Rotation', roles: ['opm-rotation-team'], email: 'rotation@agency.example' });
      await appendDrivenCase(store, qrbDefinition, 'qrb-QRB-2026-0001', [QRB_A_SUBMITTED]);
      await outbox.catchUp(store);
      const told = outbox.db.prepare(`SELECT person_id FROM notifications WHERE kind = 'qrb.submitted' ORDER BY person_id`).pluck().all() as string[];
      // opm-kim holds the role in config/users.json; oidc-staff holds it among others.
      assert.equal(told, ['oidc-staff', 'opm-kim']);
    } finally {
      await outbox.close();
    }
  });
});

outboxQueries(
  'a catch-up projects a batch in one transaction and makes the same rows as following the events one by one; the file waits for the disk again after each projection',
  async () => {
    await withTempStore(async (store, { dir }) => {
      const people = People.fromFile(join(__dirname, '..', 'config', 'users.json'));
      for (let i = 0; i < 30; i++) await appendDrivenCase(store, qrbDefinition, `qrb-QRB-2026-${String(i).padStart(4, '0')}`, i % 2 ? QRB_A : QRB_B);
      const [batched, followed] = [NotificationOutbox.open(join(dir, 'batched.db'), people), NotificationOutbox.open(join(dir, 'followed.db'), people)];
      try {
        await batched.catchUp(store);
        for (const event of await store.readAll()) followed.apply(event);
        const rows = (outbox: NotificationOutbox) => outbox.db.prepare('SELECT id, person_id, kind, status, not_before FROM notifications ORDER BY id').all();
        assert.ok(rows(batched).length > 30);
        assert.equal(rows(batched), rows(followed));
        assert.is(batched.checkpoint(), followed.checkpoint());
        // 2: FULL. Delivery's claims and the read marks wait for the disk, and so make the projected rows durable before a mail goes.
        for (const outbox of [batched, followed]) assert.is(outbox.db.pragma('synchronous', { simple: true }), 2);
      } finally {
        await batched.close();
        await followed.close();
      }
    });
  },
);

outboxQueries.run();
