// The tests' own times, as scripts/timeEachTest.cjs records them: what the runner prints and the bench's suite section judges.

/** One test's time, as scripts/timeEachTest.cjs writes it. */
export interface TestTime {
  suite: string;
  test: string;
  ms: number;
}

/** Every test of the files, with the file it is in. */
export const testsOf = (files: readonly { file: string; tests: TestTime[] }[]): (TestTime & { file: string })[] =>
  files.flatMap(({ file, tests }) => tests.map((test) => ({ ...test, file })));

/** The `count` slowest, slowest first. */
export const slowestOf = <T extends TestTime>(tests: readonly T[], count: number): T[] => [...tests].sort((a, b) => b.ms - a.ms).slice(0, count);

/** A test's title cut to `length` characters, an ellipsis marking the cut. */
export const titleOf = (test: TestTime, length: number): string => (test.test.length > length ? `${test.test.slice(0, length - 1)}…` : test.test);
