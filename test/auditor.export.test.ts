import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvRow, parseCsv } from '../client/auditor/csv';
import { exportStreams } from '../client/auditor/exportStreams';
import { verifyExport, type ExportVerification } from '../client/auditor/verifyExport';
import { toProblem } from '../client/problem';
import { SqliteEventStore } from '../eventstore/sqliteEventStore';
import { proposed } from './support/eventstoreFixtures';
import { withTempStore } from './support/tempStore';

// Export from a real SQLite store (withTempStore), verify offline from the text alone.

const AWKWARD = 'Detail to OMB, "Budget Review"\nthen FEI; 100% done, \\ok\r\n';

const seed = async (store: SqliteEventStore) => {
  await store.append('probation-EX-1', 'no_stream', [
    proposed('ProbationStarted', { caseId: 'EX-1', note: AWKWARD }),
    proposed('AssessmentSubmitted', { summary: 'meets, "clearly"', scores: [1, 2, 3] }),
    proposed('ProbationCertified', { statement: 'certified' }),
  ]);
  await store.append('qrb-Q-2', 'no_stream', [proposed('QrbCaseSubmitted', { caseId: 'Q-2' }), proposed('QrbBoardConvened', { members: ['m-a', 'm-b'] })]);
  await store.append('rotation-R-3', 'no_stream', [proposed('RotationOpened', { caseId: 'R-3' })]);
};

const broken = (result: ExportVerification) => (result.ok ? { ok: true } : { stream: result.stream, brokenRevision: result.brokenRevision, line: result.line });

for (const format of ['jsonl', 'csv'] as const) {
  test(`${format}: export then verify offline is ok, and data with commas, quotes and line breaks survives`, async () => {
    await withTempStore(async (store) => {
      await seed(store);
      const text = await exportStreams(store, ['probation-EX-1', 'qrb-Q-2'], format);
      const result = verifyExport(text, format);
      assert.ok(result.ok, JSON.stringify(result));
      assert.is(result.ok && result.events, 5);
      assert.is(result.ok && result.countsChecked, format === 'jsonl');
      const lastHash = (await store.readStream('qrb-Q-2')).at(-1)!.meta.hash;
      assert.equal(result.ok && result.streams, [
        { stream: 'probation-EX-1', events: 3, lastHash: (await store.readStream('probation-EX-1')).at(-1)!.meta.hash },
        { stream: 'qrb-Q-2', events: 2, lastHash },
      ]);
      assert.not.match(text, /rotation-R-3/, 'only the chosen streams');
      const note = format === 'jsonl' ? JSON.parse(text.split('\n')[1]!).data.note : JSON.parse(parseCsv(text)[1]![12]!).note;
      assert.is(note, AWKWARD);
    });
  });

  test(`${format}: one character of data edited in the export names the stream and revision`, async () => {
    await withTempStore(async (store) => {
      await seed(store);
      const text = await exportStreams(store, ['probation-EX-1', 'qrb-Q-2'], format);
      const edited = text.replace('m-b', 'm-x');
      assert.is.not(edited, text);
      const result = verifyExport(edited, format);
      assert.equal(broken(result), { stream: 'qrb-Q-2', brokenRevision: 1, line: 6 });
      assert.match(result.ok ? '' : result.reason, /no longer matches its hash/);
    });
  });

  test(`${format}: an event removed from the middle is a gap at its revision`, async () => {
    await withTempStore(async (store) => {
      await seed(store);
      const text = await exportStreams(store, ['probation-EX-1'], format);
      const lines = format === 'jsonl' ? text.split('\n') : text.split('\r\n');
      const withoutRevision1 = [...lines.slice(0, 2), ...lines.slice(3)].join(format === 'jsonl' ? '\n' : '\r\n');
      const result = verifyExport(withoutRevision1, format);
      assert.equal(broken(result), { stream: 'probation-EX-1', brokenRevision: 1, line: 3 });
      assert.match(result.ok ? '' : result.reason, /found revision 2 where revision 1 belongs/);
    });
  });
}

test('jsonl: a truncated tail is caught because the header says how many events each stream has', async () => {
  await withTempStore(async (store) => {
    await seed(store);
    const text = await exportStreams(store, ['probation-EX-1', 'qrb-Q-2'], 'jsonl');
    const lines = text.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    assert.equal(Object.keys(header.export).sort(), ['count', 'created', 'format', 'streams']);
    assert.is(header.export.count, 5);
    const truncated = lines.slice(0, -1).join('\n') + '\n';
    const result = verifyExport(truncated, 'jsonl');
    assert.equal(broken(result), { stream: 'qrb-Q-2', brokenRevision: 1, line: 1 });
    assert.match(result.ok ? '' : result.reason, /header says 2 events in qrb-Q-2, the export holds 1/);
    // Without the header the same chain is intact: only the header can tell a cut tail.
    const headless = verifyExport(lines.slice(1, -1).join('\n'), 'jsonl');
    assert.ok(headless.ok && !headless.countsChecked);
  });
});

test('csv: a convenience column edited without touching the hashed meta is caught', async () => {
  await withTempStore(async (store) => {
    await seed(store);
    const text = await exportStreams(store, ['qrb-Q-2'], 'csv');
    const edited = text.replace(',hr-1,hr-specialist,', ',hr-9,hr-specialist,');
    const result = verifyExport(edited, 'csv');
    assert.equal(broken(result), { stream: 'qrb-Q-2', brokenRevision: 0, line: 2 });
    assert.match(result.ok ? '' : result.reason, /column actorId says hr-9 but the hashed meta holds hr-1/);
  });
});

test('csv: fields with commas, quotes and raw line breaks read back as written', () => {
  const rows = [
    ['a,b', '"quoted"', 'two\nlines', 'crlf\r\nend', ''],
    ['plain', 'x'],
  ];
  assert.equal(parseCsv(rows.map(csvRow).join('')), rows);
  assert.throws(() => parseCsv('a,"never closed\r\n'), /CSV row 1: a quoted field is never closed/);
});

test('an unreadable export names the line; an unknown stream is not exported', async () => {
  await withTempStore(async (store) => {
    await seed(store);
    const text = await exportStreams(store, ['qrb-Q-2'], 'jsonl');
    const result = verifyExport(text.replace('"stream":"qrb-Q-2","revision":1', '"stream":"qrb-Q-2","revision":1,'), 'jsonl');
    assert.equal(result.ok ? 0 : result.line, 3);
    assert.match(result.ok ? '' : result.reason, /line 3 is not JSON/);
    const csv = verifyExport('stream,revision\r\n', 'csv');
    assert.match(csv.ok ? '' : csv.reason, /row 1 must name the columns/);
    let problem;
    try {
      await exportStreams(store, ['qrb-NOPE'], 'csv');
    } catch (error) {
      problem = toProblem(error);
    }
    assert.equal(problem && [problem.status, problem.message], [404, 'no events in stream qrb-NOPE']);
  });
});

test.run();
