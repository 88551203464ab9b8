import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ProcessCases } from '../client/processCases';
import { qrbDefinition, qrbStreamName } from '../domain/qrb';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { createWorker } from '../worker/createWorker';
import { board, submission } from './support/qrbFixtures';
import { createLocalEnv } from './support/temporalTestEnv';
import { testDataConverter } from './support/testKeyring';
import { workflowBundle } from './support/workflowBundle';

/**
 * The headline check of the payload codec, on the real dev server (`temporal server
 * start-dev`, SQLite file): one case runs with the codec, a control case without it,
 * each holding its own distinctive personal values in its start input, an update's
 * argument, its result and a query's answer. The server's database file (and its
 * WAL) must hold none of the sealed case's values, and must hold the control's:
 * proof that the scan would see clear text were it there.
 */
Runtime.install({ logger: new DefaultLogger('WARN') });

const personalValues = (tag: string) => ({
  name: `Philippa ${tag} Zanzibar-Okonkwo`,
  resume: `Quartermaster at Vexholm Station (${tag}) for twenty-two years`,
  reason: `withdrawn at the candidate's request, ${tag} family medical leave`,
});
const SEALED = personalValues('Sealedcase');
const CODEC_ENDPOINT = 'http://127.0.0.1:8080/codec';
const CONTROL = personalValues('Controlcase');

interface Run {
  caseId: string;
  values: ReturnType<typeof personalValues>;
}

const runCase = async (env: TestWorkflowEnvironment, store: SqliteEventStore, dataConverter: DataConverter, run: Run) => {
  const taskQueue = `codec-${run.caseId}`;
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter });
  const qrb = new ProcessCases(client, taskQueue, qrbDefinition);
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    store,
    dataConverter,
    workflowBundle: await workflowBundle(),
  });
  return worker.runUntil(async () => {
    await qrb.start(
      submission({
        caseId: run.caseId,
        candidate: { name: run.values.name, agency: 'DOE' },
        evidence: { kind: 'resume-and-interview', resume: run.values.resume },
      }),
    );
    await qrb.actNamed(run.caseId, 'qrb.convene', board());
    const queried = await qrb.status(run.caseId);
    const withdrawn = await qrb.actNamed(run.caseId, 'qrb.withdraw', { withdrawnBy: 'hr-ana', reason: run.values.reason });
    const handle = client.workflow.getHandle(qrbStreamName(run.caseId));
    const result = await handle.result();
    return { queried, withdrawn, result, description: await handle.describe() };
  });
};

/** Every byte the dev server has persisted: the database file and its write-ahead log. */
const persistedBytes = (dbFile: string): Buffer => Buffer.concat([dbFile, `${dbFile}-wal`].filter(existsSync).map((file) => readFileSync(file)));

/** Bytes as text in any of the ways they may be stored: UTF-8, and base64 (JSON of binary fields). */
const appearsIn = (haystack: Buffer, value: string): boolean =>
  haystack.includes(Buffer.from(value, 'utf8')) || haystack.includes(Buffer.from(Buffer.from(value, 'utf8').toString('base64').slice(0, 16)));

test('the dev server database holds none of a sealed case’s personal values, and a control case’s in clear text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-codec-'));
  const dbFile = join(dir, 'temporal.db');
  const env = await createLocalEnv({ dbFilename: dbFile, uiCodecEndpoint: CODEC_ENDPOINT });
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  try {
    const sealed = await runCase(env, store, testDataConverter(), { caseId: 'QRB-2026-7101', values: SEALED });
    const control = await runCase(env, store, {}, { caseId: 'QRB-2026-7102', values: CONTROL });

    // Through the codec the people who may read still see everything: the query's answer, the update's, the result.
    for (const seen of [sealed.queried, sealed.withdrawn, sealed.result] as { submission: { candidate: { name: string } } }[]) {
      assert.is(seen.submission.candidate.name, SEALED.name);
    }
    assert.is((sealed.withdrawn as { status: string }).status, 'WITHDRAWN');

    // Workflow ids and search attributes: ids and status only, no personal data (sealed or not).
    for (const [{ description }, values] of [
      [sealed, SEALED],
      [control, CONTROL],
    ] as const) {
      const visible = JSON.stringify(
        {
          id: description.workflowId,
          type: description.type,
          searchAttributes: description.searchAttributes,
          memo: description.memo,
          raw: description.raw.workflowExecutionInfo,
        },
        (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value),
      );
      assert.match(description.workflowId, /^qrb-QRB-2026-710\d$/);
      for (const value of Object.values(values)) assert.not.ok(visible.includes(value), `"${value}" in the workflow's id, search attributes or memo`);
    }

    // The Web UI of CLI v1.5.1 takes the codec endpoint (--ui-codec-endpoint, as `npm start` passes it).
    const uiPort = Number(env.address.split(':').at(-1)) + 1000;
    const settings = (await (await fetch(`http://127.0.0.1:${uiPort}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
    assert.is(settings.Codec.Endpoint, CODEC_ENDPOINT);

    const bytes = persistedBytes(dbFile);
    assert.ok(bytes.length > 0, 'the dev server persisted nothing');
    for (const value of Object.values(CONTROL))
      assert.ok(appearsIn(bytes, value), `the control value "${value}" should be in clear text: the scan cannot see payloads`);
    for (const value of Object.values(SEALED)) assert.not.ok(appearsIn(bytes, value), `"${value}" is in the dev server's database in clear text`);
    // The ids are not personal and stay visible (the search would find them).
    assert.ok(bytes.includes(Buffer.from('qrb-QRB-2026-7101')));
  } finally {
    await env.teardown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
