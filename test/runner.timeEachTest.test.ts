import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TestTime } from '../scripts/testTimes';

const PRELOAD = join(__dirname, '..', 'scripts', 'timeEachTest.cjs');

/** A file of uvu tests: two in a named suite (one slow, one failing), one in uvu's default suite. */
const FIXTURE = `
const { suite, test } = require(${JSON.stringify(require.resolve('uvu'))});
const named = suite('named');
named('waits 60 ms', () => new Promise((resolve) => setTimeout(resolve, 60)));
named('fails', () => { throw new Error('as it should'); });
named.run();
test('in the default suite', () => undefined);
test.run();
`;

test("the runner's preload times every test, failing ones and the default suite's too, and leaves their outcome alone", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ses-time-each-test-'));
  try {
    const file = join(dir, 'fixture.test.js');
    writeFileSync(file, FIXTURE);
    const timesFile = join(dir, 'times.jsonl');
    const run = spawnSync(process.execPath, ['--require', PRELOAD, file], {
      encoding: 'utf8',
      env: { ...process.env, TEST_TIMES_FILE: timesFile, NO_COLOR: '1' },
    });
    assert.is(run.status, 1, 'the failing test still fails the file');
    assert.match(run.stdout, /Total:\s+3\s+Passed:\s+2/);
    const times = readFileSync(timesFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TestTime);
    assert.equal(
      times.map(({ suite, test }) => [suite, test]),
      [
        ['named', 'waits 60 ms'],
        ['named', 'fails'],
        ['', 'in the default suite'],
      ],
    );
    assert.ok(times[0]!.ms >= 55, `the slow test took ${times[0]!.ms} ms`);

    const untimed = spawnSync(process.execPath, ['--require', PRELOAD, file], {
      encoding: 'utf8',
      env: { ...process.env, TEST_TIMES_FILE: '', NO_COLOR: '1' },
    });
    assert.match(untimed.stdout, /Total:\s+3\s+Passed:\s+2/, 'without TEST_TIMES_FILE the tests run as they are');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
