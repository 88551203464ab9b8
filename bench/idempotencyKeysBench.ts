// The Idempotency-Key store on a busy day: what a keyed request (every decision and start sent from
// the pages carries a key) pays to claim its key and keep its answer, with a day's keys stored,
// next to the same with none stored, in turns.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IdempotencyKeys } from '../client/http/idempotencyKeys';
import { formatCount, inTurns, intFromEnv, rateFigure, type Figure } from './measure';

export interface IdempotencyKeysBenchOptions {
  dir: string;
  log: (line: string) => void;
  report: (figure: Figure) => void;
}

const ROUNDS = 4;
const REQUESTS_PER_ROUND = 250;

/** `count` answered keys taken over the last 23 hours, written straight into the file. */
function storeDaysKeys(path: string, count: number): void {
  const db = new Database(path);
  try {
    const now = Date.now();
    const insert = db.prepare('INSERT INTO idempotency_keys (person_id, key, fingerprint, taken_at, answer, taken_by) VALUES (?, ?, ?, ?, ?, ?)');
    const answer = JSON.stringify({ status: 200, headers: { etag: '"3"' }, body: JSON.stringify({ status: 'BOARD_CONVENED', revision: 3 }) });
    db.transaction(() => {
      for (let i = 0; i < count; i++)
        insert.run(`person-${i % 200}`, `key-${i}`, 'f'.repeat(64), now - Math.floor((i / count) * 23 * 3_600_000), answer, process.pid);
    })();
  } finally {
    db.close();
  }
}

export async function benchIdempotencyKeys({ dir, log, report }: IdempotencyKeysBenchOptions): Promise<void> {
  const stored = intFromEnv('BENCH_KEYS_STORED', 100_000);
  const empty = IdempotencyKeys.open(join(dir, 'keys-none.db'));
  const busyPath = join(dir, 'keys-busy.db');
  const busy = IdempotencyKeys.open(busyPath);
  try {
    log(`(d) Idempotency-Key store: ${formatCount(stored)} keys of the day stored vs none, ${ROUNDS * REQUESTS_PER_ROUND} keyed requests each, in turns ...`);
    storeDaysKeys(busyPath, stored);
    const requests = (keys: IdempotencyKeys, prefix: string) => async (round: number) => {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        await keys.once('hr-ana', `${prefix}-${round}-${i}`, 'POST /qrb-cases/QRB-1/votes {}', async () => ({ status: 200, headers: {}, body: '{}' }));
      }
    };
    const seconds = await inTurns(ROUNDS, { none: requests(empty, 'none'), busy: requests(busy, 'busy') });
    const count = ROUNDS * REQUESTS_PER_ROUND;
    report(
      rateFigure(
        'store',
        `keyed request: Idempotency-Key claimed and answer kept, ${formatCount(stored)} keys of the day stored`,
        { count, seconds: seconds.busy, unit: 'requests' },
        { label: 'the same with no key stored', count, seconds: seconds.none, unit: 'requests' },
      ),
    );
  } finally {
    empty.close();
    busy.close();
  }
}
