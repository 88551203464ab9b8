// `npm start`: the whole embedded stack on one machine. Without TEMPORAL_ADDRESS
// it runs the Temporal dev server (persisted to ./data/), then the worker and the
// HTTP API; Ctrl-C stops them in reverse order and leaves no server behind.
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../client/config';
import { listenApi } from '../client/http/listenApi';
import { createLogger } from '../client/observability/logger';
import { observabilityFromConfig } from '../client/observability/observability';
import { tracingFromConfig } from '../client/observability/tracing';
import { payloadKeyringFromConfig } from '../client/payloadKeyring';
import { atAddress, connectTemporalClient, temporalTargetOf } from '../client/temporalConnection';
import { sealedDataConverter } from '../client/temporalDataConverter';
import { openEventStore } from '../eventstore/openEventStore';
import { createWorker } from '../worker/createWorker';
import { installWorkerRuntime } from '../worker/runtime';
import { ONE_PARTITION_PER_TASK_QUEUE, startDevServer, type DevServer } from './devServer';
import { startMailpit } from './mailpit';
import { createLog, errorMessage } from './log';
import { resolveTemporalCli, temporalCliMissingMessage } from './temporalCli';

const log = createLog('start');

type EmbeddedTemporal = Pick<DevServer, 'address' | 'uiUrl' | 'stop'>;

const startEmbeddedTemporal = async (config: ReturnType<typeof loadConfig>, namespace: string): Promise<EmbeddedTemporal> => {
  const dbFile = path.resolve(config.DATA_DIR, 'temporal.db');
  const cliPath = await resolveTemporalCli(log);
  // The Web UI opens sealed payloads through the API's codec endpoint, for a person signed in who may read cases.
  const uiCodecEndpoint = `${(config.APP_URL ?? `http://${config.API_HOST}:${config.API_PORT}`).replace(/\/$/, '')}/codec`;
  if (cliPath) {
    return startDevServer({ cliPath, dbFile, port: config.TEMPORAL_DEV_PORT, uiPort: config.TEMPORAL_UI_PORT, namespace, uiCodecEndpoint, log });
  }
  // Last resort: the SDK downloads its own dev server (needs internet access).
  log("trying the Temporal SDK's own download of the dev server…");
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        dbFilename: dbFile,
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace,
        extraArgs: [...ONE_PARTITION_PER_TASK_QUEUE, '--sqlite-pragma', 'journal_mode=wal', '--ui-codec-endpoint', uiCodecEndpoint],
      },
    });
    return { address: env.address, uiUrl: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`, stop: () => env.teardown() };
  } catch (error) {
    throw new Error(temporalCliMissingMessage(error));
  }
};

const main = async (): Promise<void> => {
  const config = loadConfig();
  // Temporal's environment configuration; no address anywhere: the embedded dev server.
  const configured = temporalTargetOf(config);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'ses' });
  const workerMetrics = config.WORKER_METRICS_ADDRESS ?? '127.0.0.1:9464';
  try {
    // We stop the worker ourselves, in order, on Ctrl-C.
    installWorkerRuntime({ logger, metricsAddress: workerMetrics, shutdownSignals: [] });
  } catch (error) {
    if (!/prometheus/i.test(errorMessage(error))) throw error;
    throw new Error(`${errorMessage(error)} on ${workerMetrics}; set WORKER_METRICS_ADDRESS to a free host:port, or to off`);
  }
  const tracing = tracingFromConfig(config, 'ses');
  // One keyring for the worker, the API's client and its codec endpoint: what one seals, the others open.
  const keyring = payloadKeyringFromConfig(config);
  const dataConverter = sealedDataConverter(keyring);

  const devServer = configured.external ? null : await startEmbeddedTemporal(config, configured.namespace);
  const target = devServer ? atAddress(configured, devServer.address) : configured;
  const address = target.address;
  const store = await openEventStore(config.EVENTSTORE_URL);
  const nativeConnection = await NativeConnection.connect(target.connectionOptions);
  log('bundling workflows…');
  const worker = await createWorker({ connection: nativeConnection, namespace: target.namespace, taskQueue: config.TASK_QUEUE, store, dataConverter, tracing });
  const workerRunning = worker.run();
  const { connection, client } = await connectTemporalClient(target, { dataConverter, tracing });
  // Mail: the configured SMTP server, or on the embedded default a local Mailpit whose page shows what was sent.
  const mailpit = config.SMTP_URL
    ? null
    : await startMailpit({ dataDir: config.DATA_DIR, smtpPort: config.MAILPIT_SMTP_PORT, uiPort: config.MAILPIT_UI_PORT, log });
  const api = await listenApi(
    { ...config, SMTP_URL: config.SMTP_URL ?? mailpit?.smtpUrl },
    client,
    store,
    keyring,
    observabilityFromConfig(config, 'ses', { tracing, logger }),
  );

  console.log(
    [
      '',
      `SES personnel actions: open ${api.url}/ in a browser (${config.AUTH_ISSUER ? `sign-in through ${config.AUTH_ISSUER}` : `sign in as any person of ${config.AUTH_USERS_FILE}`})`,
      `  Web application  ${api.url}/`,
      `  HTTP API         ${api.url}   (reference: ${api.url}/docs; try: curl ${api.url}/health)`,
      devServer
        ? `  Temporal Web UI  ${devServer.uiUrl}   (payloads sealed; opened through ${api.url}/codec for a case reader signed in: README, Personal data in Temporal)`
        : `  Temporal         ${address} (external cluster)`,
      `  Temporal gRPC    ${target.description}, task queue ${config.TASK_QUEUE}`,
      `  API metrics      ${api.url}/metrics${config.METRICS_TOKEN ? ' (Authorization: Bearer $METRICS_TOKEN)' : ''}`,
      `  Worker metrics   ${workerMetrics === 'off' ? 'off (WORKER_METRICS_ADDRESS=off)' : `http://${workerMetrics}/metrics`}`,
      `  Traces           ${config.OTEL_EXPORTER_OTLP_ENDPOINT ? `OTLP/HTTP to ${config.OTEL_EXPORTER_OTLP_ENDPOINT}` : 'off (set OTEL_EXPORTER_OTLP_ENDPOINT to export them)'}`,
      `  Logs             JSON lines on standard output, LOG_LEVEL=${config.LOG_LEVEL}`,
      `  Event store      ${config.EVENTSTORE_URL}`,
      `  Mail             ${mailpit ? `${mailpit.uiUrl}   (Mailpit: every notification sent, SMTP ${mailpit.smtpUrl})` : config.SMTP_URL ? `through ${config.SMTP_URL.replace(/\/\/[^@/]*@/, '//***@')}` : 'off: notifications in the application only (GET /notifications)'}`,
      '  CLI              npx ses --help',
      config.AUTH_JWKS_URL
        ? `  Tokens           from ${config.AUTH_ISSUER} (OIDC)`
        : `  Tokens           export SES_TOKEN=$(npx ses token mint hr-ana)   (users: ${config.AUTH_USERS_FILE})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the API, the worker${devServer ? ' and the Temporal dev server' : ''}…`);
    await api.close();
    await mailpit?.stop();
    worker.shutdown();
    await workerRunning;
    await connection.close();
    await nativeConnection.close();
    await store.close();
    await tracing.shutdown();
    await devServer?.stop();
    log('stopped.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (s) => void stop(s));
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `npm start: ${error.message}` : `npm start failed: ${errorMessage(error)}`);
  process.exit(1);
});
