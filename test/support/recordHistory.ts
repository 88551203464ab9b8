import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

const HISTORIES = join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=<label> (e.g. the date), saves a case's history as
 * test/histories/<name>-<label>.json for histories.replay. A history recorded by older
 * code is what proves the cases it started still replay, so an existing file is never
 * overwritten: the test fails naming it instead.
 */
export const recordHistory = async (name: string, handle: Pick<WorkflowHandle, 'fetchHistory'>): Promise<void> => {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(label)) throw new Error(`RECORD_HISTORIES must be a label for the file names (e.g. 2026-11-26), not "${label}"`);
  const path = join(HISTORIES, `${name}-${label}.json`);
  if (existsSync(path)) throw new Error(`${path} exists: recorded histories are kept, never overwritten; record under another RECORD_HISTORIES label`);
  writeFileSync(path, historyToJSON(await handle.fetchHistory()));
};
