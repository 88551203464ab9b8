import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NO_TRACING, tracingFromConfig } from '../client/observability/tracing';

/** OTEL_EXPORTER_OTLP_ENDPOINT as the API, the worker and `npm start` read it: spans reach a real OTLP/HTTP receiver. */
const otlpExport = test;

const loadedExporter = () => Object.keys(require.cache).some((file) => file.includes('exporter-trace-otlp-http'));

const bodyOf = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

otlpExport('with no endpoint nothing is recorded and the exporter is not even loaded; with one, spans go to <endpoint>/v1/traces', async () => {
  assert.is(tracingFromConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined }, 'ses-test'), NO_TRACING);
  assert.not.ok(loadedExporter(), 'a process with tracing off does not load the OTLP exporter');

  const received: { path: string | undefined; body: string }[] = [];
  const collector = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      received.push({ path: request.url, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = collector.address() as AddressInfo;
    // A trailing slash on the endpoint is not doubled.
    const tracing = tracingFromConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/` }, 'ses-otlp-test');
    assert.ok(tracing.enabled);
    assert.ok(loadedExporter());
    tracing.tracer.startSpan('qrb.vote').end();
    await tracing.shutdown();
    assert.is(received.length, 1, 'one batch exported at shutdown');
    assert.is(received[0]!.path, '/v1/traces');
    assert.match(received[0]!.body, /ses-otlp-test/);
    assert.match(received[0]!.body, /qrb\.vote/);
  } finally {
    await new Promise((resolve) => collector.close(resolve));
  }
});

otlpExport('a `ses` command loads no OpenTelemetry module: its client takes no tracing (some 30 ms of its start when it did)', () => {
  // Everything a command may need, loaded in a fresh process as the CLI loads it.
  const probe = spawnSync(
    process.execPath,
    [
      '-r',
      'tsx/cjs',
      '-e',
      "require('./client/cli/commands'); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('@opentelemetry'))))",
    ],
    { cwd: join(__dirname, '..'), encoding: 'utf8' },
  );
  assert.is(probe.status, 0, probe.stderr);
  assert.equal(JSON.parse(probe.stdout) as string[], []);
});

otlpExport.run();
