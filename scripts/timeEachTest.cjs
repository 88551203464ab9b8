// Loaded into each test file's process by scripts/run-tests.ts (`node --require`): times every uvu
// test, so the runner can tell the tests' own time from what a file spends around them (Node, imports,
// servers and browsers started in hooks) and name the slowest tests. uvu has no reporter hook: its
// suites are wrapped so each test's handler is timed, and each time is appended as a JSON line
// ({ suite, test, ms }, scripts/testTimes.ts's TestTime) to TEST_TIMES_FILE. Without that variable nothing is wrapped.
// Plain JavaScript: Node passes its flags on to worker threads (the Temporal worker's), which have no
// TypeScript loader at that point; those threads run no tests and skip it.
'use strict';
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const timesFile = process.env.TEST_TIMES_FILE;

const timedHandler = (suite, test, handler) => async (context) => {
  const started = performance.now();
  try {
    await handler(context);
  } finally {
    appendFileSync(timesFile, `${JSON.stringify({ suite, test, ms: Math.round(performance.now() - started) })}\n`);
  }
};

/** The suite, registering each test (and `only` test) with its handler timed; its hooks, `run` and `skip` as they were. */
const timed = (suite, name) =>
  new Proxy(suite, {
    apply: (target, self, [title, handler]) => target(title, timedHandler(name, title, handler)),
    get: (target, property) => (property === 'only' ? (title, handler) => target.only(title, timedHandler(name, title, handler)) : target[property]),
  });

if (timesFile && isMainThread) {
  // The CommonJS exports the test files require (tsx compiles them to CommonJS): patched in place.
  const uvu = require('uvu');
  const suite = uvu.suite;
  uvu.suite = (name = '', state = {}) => timed(suite(name, state), name);
  uvu.test = timed(uvu.test, '');
}
