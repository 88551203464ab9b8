// Section 2: the embedded stack end to end. A fresh Temporal dev server, the real
// worker with a SQLite store, and QRB cases through ProcessCases on a Client, against a no-op workflow
// run by a second worker on the same server.
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { newKeyring } from '../client/payloadKeyring';
import { ProcessCases } from '../client/processCases';
import { sealedDataConverter } from '../client/temporalDataConverter';
import { qrbDefinition, qrbStreamName } from '../domain/qrb';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { verifyStream } from '../eventstore/verifyStream';
import { startDevServer } from '../scripts/devServer';
import { freePorts } from '../scripts/freePorts';
import { errorMessage, type Log } from '../scripts/log';
import { resolveTemporalCli, temporalCliMissingMessage } from '../scripts/temporalCli';
import { allRatings, board, submission } from '../test/support/qrbFixtures';
import { createWorker } from '../worker/createWorker';
import { formatCount, inTurns, percentile, rateFigure, roundRange, runPool, sampled, type Figure } from './measure';
import { noopWorkflow } from './noopWorkflow';

export interface E2eBenchOptions {
  dir: string;
  cases: number;
  concurrency: number;
  log: Log;
  report: (figure: Figure) => void;
  /** Registers a step to run if the bench is interrupted (Ctrl-C) while this section runs. */
  onInterrupt: (step: () => Promise<void>) => void;
}

const NAMESPACE = 'default';
const QRB_QUEUE = 'bench-qrb';
const NOOP_QUEUE = 'bench-noop';
const EVENTS_PER_CASE = 6;
/** No-op and QRB runs take turns this many times (see inTurns). */
const ROUNDS = 4;

export async function benchEndToEnd({ dir, cases, concurrency, log, report, onInterrupt }: E2eBenchOptions): Promise<{ ok: boolean }> {
  const cliPath = await resolveTemporalCli(log);
  if (!cliPath) throw new Error(temporalCliMissingMessage());
  // Workers log every poll at INFO; the bench wants warnings only, and handles Ctrl-C itself.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

  const closers: (() => Promise<void>)[] = [];
  try {
    const [port, uiPort] = await freePorts(2);
    const server = await startDevServer({ cliPath, dbFile: join(dir, 'temporal.db'), port, uiPort, namespace: NAMESPACE, log });
    closers.push(server.stop);
    onInterrupt(server.stop);
    const store = SqliteEventStore.open(join(dir, 'e2e-events.db'));
    closers.push(() => store.close());
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    closers.push(() => nativeConnection.close());
    const connection = await Connection.connect({ address: server.address });
    closers.push(() => connection.close());
    // Payloads sealed, as production seals them (a throwaway key).
    const dataConverter = sealedDataConverter(newKeyring('bench'));
    const client = new Client({ connection, namespace: NAMESPACE, dataConverter });
    const qrb = new ProcessCases(client, QRB_QUEUE, qrbDefinition);

    log('bundling the production workflows (workflows/) for the QRB worker ...');
    const qrbWorker = await createWorker({ connection: nativeConnection, namespace: NAMESPACE, taskQueue: QRB_QUEUE, store, dataConverter });
    log('bundling bench/noopWorkflow.ts for the baseline worker ...');
    const noopWorker = await Worker.create({
      connection: nativeConnection,
      namespace: NAMESPACE,
      taskQueue: NOOP_QUEUE,
      workflowsPath: require.resolve('./noopWorkflow'),
    });

    const caseIds: string[] = [];
    const voteLatencies: number[] = [];
    const meets = allRatings('ecq-2025');
    const runCase = async (caseId: string, latencies: number[]): Promise<void> => {
      caseIds.push(caseId);
      await qrb.start(submission({ caseId }));
      await qrb.actNamed(caseId, 'qrb.convene', board());
      let decided: { status: string } | undefined;
      for (const { id } of board().members) decided = await sampled(latencies, () => qrb.actNamed(caseId, 'qrb.vote', { memberId: id, ratings: meets }));
      // The case ends at the decision for this measure; an approved case then waits for its appointment.
      if (decided?.status !== 'APPROVED') throw new Error(`case ${caseId} was decided ${decided?.status}, expected APPROVED`);
    };
    const runNoop = (workflowId: string) => client.workflow.execute(noopWorkflow, { taskQueue: NOOP_QUEUE, workflowId });

    const measure = async () => {
      log(`warm-up (not timed): ${concurrency} no-op workflows and ${concurrency} QRB cases ...`);
      await runPool(concurrency, concurrency, (i) => runNoop(`warmup-noop-${i}`));
      await runPool(concurrency, concurrency, (i) => runCase(`WARMUP-${i}`, []));
      log(
        `${cases} no-op workflows (baseline) and ${cases} QRB cases (submit, convene, 3 votes, decision), ${concurrency} at a time, in ${ROUNDS} rounds taking turns ...`,
      );
      const inRound = async (round: number, what: string, run: (index: number) => Promise<unknown>) => {
        const [start, end] = roundRange(cases, ROUNDS, round);
        await runPool(end - start, concurrency, (i) => run(start + i));
        log(`  round ${round + 1}/${ROUNDS}: ${end}/${cases} ${what} done`);
      };
      return inTurns(ROUNDS, {
        noop: (round) => inRound(round, 'no-op workflows', (i) => runNoop(`noop-${i}`)),
        qrb: (round) => inRound(round, 'QRB cases', (i) => runCase(`BENCH-${String(i).padStart(5, '0')}`, voteLatencies)),
      });
    };
    log('running both workers ...');
    const noopRun = noopWorker.runUntil(measure);
    const measured = qrbWorker.runUntil(noopRun);
    // On Ctrl-C the workers drain first, while the server still answers them; each run settles once its worker stopped.
    onInterrupt(async () => {
      for (const worker of [qrbWorker, noopWorker]) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled([noopRun, measured]);
    });
    const seconds = await measured;

    report(
      rateFigure(
        'e2e',
        `QRB case, ${concurrency} concurrent`,
        { count: cases, seconds: seconds.qrb, unit: 'cases' },
        {
          label: 'no-op workflow start+result',
          count: cases,
          seconds: seconds.noop,
          unit: 'wf',
        },
      ),
    );
    for (const p of [50, 99]) {
      const label = `castVote latency p${p} (${formatCount(voteLatencies.length)} calls)`;
      report({ section: 'e2e', measure: label, ours: `${percentile(voteLatencies, p).toFixed(1)} ms`, baseline: '-', ratio: '-' });
    }

    log(`verifying the ${caseIds.length} case streams (${EVENTS_PER_CASE} events each, hash chain) ...`);
    const failures: string[] = [];
    for (const caseId of caseIds) {
      const result = await verifyStream(store, qrbStreamName(caseId));
      if (!result.ok) failures.push(`${result.stream}: broken at revision ${result.brokenRevision}: ${result.reason}`);
      else if (result.events !== EVENTS_PER_CASE) failures.push(`${result.stream}: ${result.events} events, expected ${EVENTS_PER_CASE}`);
    }
    for (const failure of failures.slice(0, 10)) log(`  FAILED ${failure}`);
    const intact = `${caseIds.length - failures.length}/${caseIds.length}`;
    console.log(`verified case streams: ${intact} have ${EVENTS_PER_CASE} events and an intact hash chain${failures.length ? ' (FAILED)' : ''}`);
    report({ section: 'e2e', measure: `case streams with ${EVENTS_PER_CASE} events, chain intact`, ours: intact, baseline: '-', ratio: '-' });
    return { ok: failures.length === 0 };
  } finally {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        log(`cleanup: ${errorMessage(error)}`);
      }
    }
  }
}
