import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTracing } from '../client/observability/tracing';
import { allRatings, board, submission } from './support/qrbFixtures';
import { startTestStack, type TestStack } from './support/testStack';

/**
 * One QRB vote is one trace: the caller's span, the Temporal client's update span,
 * the workflow's update handling, the activity it schedules, the activity's run and
 * the event-store append, each the child of the one before. Real parts: the
 * time-skipping server, the real worker and bundle, a SQLite store; the spans go to
 * an in-memory exporter instead of OTLP.
 */
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'ses-test', exporter, exportEachSpan: true });

const traced = suite<{ stack: TestStack }>('traces');

traced.before(async (context) => {
  context.stack = await startTestStack({ tracing });
});
traced.after(async ({ stack }) => {
  await stack.stop();
  await tracing.shutdown();
});

/** Workflow spans reach the exporter through the worker's sink after their activation: wait for the append's. */
const spansOf = async (traceId: string, until: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> => {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    if (until(spans)) return spans;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
};

const named = (spans: ReadableSpan[], name: string): ReadableSpan => {
  const found = spans.filter((s) => s.name === name);
  assert.is(found.length, 1, `one ${name} span in [${spans.map((s) => s.name).join(', ')}]`);
  return found[0]!;
};

const isChild = (child: ReadableSpan, parent: ReadableSpan): void => {
  assert.is(child.parentSpanId, parent.spanContext().spanId, `${child.name} is a child of ${parent.name}`);
};

traced('a vote through the Temporal client: client update -> workflow update -> activity -> store append, one trace', async ({ stack }) => {
  await stack.qrb.submit(submission({ caseId: 'QRB-TRACE-1' }));
  await stack.qrb.conveneBoard('QRB-TRACE-1', board());
  let traceId = '';
  await tracing.tracer.startActiveSpan('vote', async (root) => {
    traceId = root.spanContext().traceId;
    await stack.qrb.castVote('QRB-TRACE-1', { memberId: 'm-lee', ratings: allRatings('ecq-2025') });
    root.end();
  });
  const spans = await spansOf(traceId, (s) => s.some((span) => span.name === 'eventstore.append') && s.some((span) => span.name === 'HandleUpdate:castQrbVote'));
  const rootSpan = named(spans, 'vote');
  const update = named(spans, 'StartWorkflowUpdate:castQrbVote');
  const handle = named(spans, 'HandleUpdate:castQrbVote');
  const schedule = named(spans, 'StartActivity:appendEvents');
  const run = named(spans, 'RunActivity:appendEvents');
  const append = named(spans, 'eventstore.append');
  isChild(update, rootSpan);
  isChild(handle, update);
  isChild(schedule, handle);
  isChild(run, schedule);
  isChild(append, run);
  assert.is(append.attributes['ses.eventstore.events'], 1);
});

traced.run();
