import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * SQLite's plan for `sql` with `params`, one line per step, on a fresh file that `create` makes
 * (a module's own open, so the plan is over its real tables and indexes).
 */
export const queryPlanOf = async (create: (path: string) => unknown, sql: string, ...params: unknown[]): Promise<string[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-query-plan-'));
  const path = join(dir, 'plan.db');
  try {
    await create(path);
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
