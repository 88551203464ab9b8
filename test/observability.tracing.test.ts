import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../client/observability/logger';
import { ApiMetrics } from '../client/observability/metrics';
import { startTracing } from '../client/observability/tracing';
import { startApiUnderTest, type ApiUnderTest } from './support/apiUnderTest';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * One QRB vote over HTTP is one trace: the API's server span, the Temporal client's
 * update span, the workflow's update handling, the activity it schedules, the
 * activity's run and the event-store append, each the child of the one before.
 * Real parts: the HTTP API, the time-skipping server, the real worker and bundle, a
 * SQLite store; only the exporter is an in-memory one instead of OTLP.
 */
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'ses-test', exporter, exportEachSpan: true });

const traced = suite<{ stack: TestStack; api: ApiUnderTest }>('traces');

traced.before(async (context) => {
  context.stack = await startTestStack({ tracing });
  context.api = await startApiUnderTest(context.stack, {
    observability: { logger: createLogger({ level: 'silent', service: 'api' }), tracing, metrics: new ApiMetrics() },
  });
});
traced.after(async ({ stack, api }) => {
  await api.stop();
  await stack.stop();
  await tracing.shutdown();
});

const inTrace = (traceId: string): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);

/** Workflow spans reach the exporter through the worker's sink after their activation: wait until `done`. */
const spansOf = async (traceId: string, done: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> => {
  for (let waited = 0; waited < 10_000 && !done(inTrace(traceId)); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return inTrace(traceId);
};

const named = (spans: ReadableSpan[], name: string): ReadableSpan => {
  const found = spans.filter((s) => s.name === name);
  assert.is(found.length, 1, `one ${name} span in [${spans.map((s) => s.name).join(', ')}]`);
  return found[0]!;
};

const isChild = (child: ReadableSpan, parent: ReadableSpan): void => {
  assert.is(child.parentSpanId, parent.spanContext().spanId, `${child.name} is a child of ${parent.name}`);
};

traced('a vote over HTTP is one trace: server span -> client update -> workflow update -> activity -> store append', async ({ api }) => {
  assert.is((await api.call('hr-ana', 'POST', '/qrb-cases', submission({ caseId: 'QRB-TRACE-1' }))).status, 201);
  assert.is((await api.call('opm-kim', 'POST', '/qrb-cases/QRB-TRACE-1/board', board())).status, 200);
  exporter.reset();
  const vote = await api.call('m-lee', 'POST', '/qrb-cases/QRB-TRACE-1/votes', { memberId: 'm-lee', ratings: allRatings('ecq-2025') });
  assert.is(vote.status, 200);

  const servers = exporter.getFinishedSpans().filter((s) => s.name === 'POST /qrb-cases/:caseId/votes');
  assert.is(servers.length, 1, 'one server span for the vote, named by its route pattern');
  const server = servers[0]!;
  assert.is(server.parentSpanId, undefined, 'the server span is the root');
  assert.is(server.attributes['http.route'], '/qrb-cases/:caseId/votes');
  assert.is(server.attributes['http.response.status_code'], 200);
  const traceId = server.spanContext().traceId;
  const spans = await spansOf(traceId, (s) => s.some((span) => span.name === 'eventstore.append') && s.some((span) => span.name === 'HandleUpdate:act'));

  const update = named(spans, 'StartWorkflowUpdate:act');
  const handle = named(spans, 'HandleUpdate:act');
  const schedule = named(spans, 'StartActivity:appendEvents');
  const run = named(spans, 'RunActivity:appendEvents');
  const append = named(spans, 'eventstore.append');
  isChild(update, server);
  isChild(handle, update);
  isChild(schedule, handle);
  isChild(run, schedule);
  isChild(append, run);
  assert.is(append.attributes['ses.eventstore.events'], 1);

  // Connected: every span of the trace hangs off another span of it, up to the server span.
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const span of spans.filter((s) => s !== server)) assert.ok(ids.has(span.parentSpanId!), `${span.name} has its parent in the trace`);
  // The spans of the vote belong to it alone: no other request's span shares its trace.
  assert.is(exporter.getFinishedSpans().filter((s) => s.name.startsWith('POST ') && s.spanContext().traceId === traceId).length, 1);
  // Span names and attributes carry ids and counts, never the case's personal data.
  assert.not.match(JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes }))), /Jordan Rivera/);
});

traced.run();
