#!/usr/bin/env node
// The build: TypeScript (tsconfig.build.json) into CommonJS JavaScript in dist/,
// which `ses`, `npm start`, `npm run worker` and `npm run api` run, and the web
// application's pages (web/) bundled by esbuild into dist/web/. Plain JavaScript,
// so it runs before anything is compiled.
//
//   node client/bin/build.js          build if dist/ is missing or older than the sources (npm run build, prepare)
//   node client/bin/build.js --force  build even when dist/ looks fresh
//
// "Fresh" is cheap to tell, so `ses` asks on every start: dist/.built is stamped
// with the time a successful build began, and dist/ is fresh when no source
// (.ts, .tsx and .css under the compiled folders, the tsconfigs, package.json) is newer. One build
// at a time: dist/.build.lock holds the builder's pid.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.built');
/** Written when a build failed: the newest source time it saw, so `ses` does not retry until a source changes. */
const FAILED = path.join(DIST, '.build-failed');
const LOCK = path.join(DIST, '.build.lock');
const LOG = path.join(DIST, '.build.log');
const SOURCE_DIRS = ['domain', 'workflows', 'activities', 'eventstore', 'worker', 'client', 'scripts', 'web'];
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.css'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time (ms) of anything the build reads from the repository. */
function newestSource(root = ROOT) {
  let newest = 0;
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) if (entry !== 'node_modules') visit(path.join(file, entry));
    } else if (SOURCE_EXTENSIONS.includes(path.extname(file)) || SOURCE_FILES.includes(path.relative(root, file))) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  for (const file of SOURCE_FILES) visit(path.join(root, file));
  return newest;
}

const mtimeOf = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Whether dist/ holds a successful build of the sources as they are now. */
function isFresh(root = ROOT) {
  const built = mtimeOf(path.join(root, 'dist', '.built'));
  return built >= 0 && built >= newestSource(root);
}

/** Whether the last build failed on these very sources (nothing changed since). */
function failedOnTheseSources() {
  try {
    return Number(fs.readFileSync(FAILED, 'utf8')) >= newestSource();
  } catch {
    return false;
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Takes the build lock, or returns false while another live process holds it. */
function tryLock() {
  fs.mkdirSync(DIST, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(LOCK, 'utf8'));
      if (holder && alive(holder)) return false;
      fs.rmSync(LOCK, { force: true }); // left by a build that died
    }
  }
  return false;
}

const unlock = () => fs.rmSync(LOCK, { force: true });

const tscPath = () => {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return null;
  }
};

/** Compiles with the lock held; returns tsc's exit status and stamps the result. */
function compile(stdio) {
  const tsc = tscPath();
  if (!tsc) return { status: null, missing: true };
  const started = Date.now();
  const newest = newestSource();
  const result = spawnSync(process.execPath, [tsc, '--build', 'tsconfig.build.json', '--pretty', 'false'], { cwd: ROOT, stdio });
  if (result.status === 0 && !(writeProcessCommands() && bundleWeb())) result.status = 1;
  if (result.status === 0) {
    fs.rmSync(FAILED, { force: true });
    fs.writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
    // As of the build's start: a source saved while tsc ran makes dist/ stale again.
    fs.utimesSync(STAMP, started / 1000, started / 1000);
  } else {
    fs.rmSync(STAMP, { force: true });
    fs.writeFileSync(FAILED, String(newest));
  }
  return { status: result.status };
}

/**
 * Every process's commands (client/cli/processCommands.ts) as JSON beside the compiled CLI:
 * `ses --help` reads them there instead of loading the process definitions.
 */
function writeProcessCommands() {
  try {
    const { processCommands } = require(path.join(DIST, 'client', 'cli', 'processCommands.js'));
    fs.writeFileSync(path.join(DIST, 'client', 'cli', 'processCommands.json'), `${JSON.stringify(processCommands(), null, 2)}\n`);
    return true;
  } catch (error) {
    process.stderr.write(`build: the process commands were not written: ${error.message}\n`);
    return false;
  }
}

/** The pages: web/main.tsx and everything it imports (domain/ schemas included) into dist/web/app.js, and web/app.css beside it. */
function bundleWeb() {
  try {
    const out = path.join(DIST, 'web');
    fs.mkdirSync(out, { recursive: true });
    require('esbuild').buildSync({
      entryPoints: [path.join(ROOT, 'web', 'main.tsx')],
      bundle: true,
      outfile: path.join(out, 'app.js'),
      format: 'iife',
      target: ['chrome109', 'firefox115', 'safari15.6', 'edge109'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: true,
      sourcemap: true,
      legalComments: 'none',
      logLevel: 'error',
      tsconfig: path.join(ROOT, 'web', 'tsconfig.json'),
    });
    fs.copyFileSync(path.join(ROOT, 'web', 'app.css'), path.join(out, 'app.css'));
    return true;
  } catch (error) {
    process.stderr.write(`build: the web application did not bundle: ${error.message}\n`);
    return false;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** `npm run build`, `prepare`, and the start scripts: build when stale, wait for a build already running. */
function buildCommand(argv) {
  const force = argv.includes('--force');
  const log = (line) => process.stderr.write(`build: ${line}\n`);
  if (!force && isFresh()) return 0;
  if (!tscPath()) {
    // e.g. npm ci --omit=dev: no compiler; client/bin/ses.js then runs the sources with tsx.
    log('TypeScript is not installed (devDependencies omitted?): dist/ not built; `ses` runs the sources with tsx');
    return 0;
  }
  const waitUntil = Date.now() + 10 * 60_000;
  while (!tryLock()) {
    if (Date.now() > waitUntil) {
      log(`another build has held ${path.relative(ROOT, LOCK)} for 10 minutes; giving up`);
      return 1;
    }
    sleep(250);
  }
  try {
    if (!force && isFresh()) return 0; // the build we waited for did it
    log('compiling TypeScript into dist/ (tsc --build tsconfig.build.json) and bundling the web application (esbuild) ...');
    const started = Date.now();
    const { status } = compile('inherit');
    if (status !== 0) {
      log('failed: the TypeScript errors are above');
      return 1;
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    unlock();
  }
}

/**
 * What `ses` runs: dist/'s compiled CLI when fresh. Otherwise (sources changed and
 * nobody rebuilt, or `npm ci --ignore-scripts`) the TypeScript sources through tsx,
 * this time, while a build starts in the background for the next run; a build that
 * failed is not retried until a source changes.
 */
function cliEntry() {
  const compiled = path.join(DIST, 'client', 'cli', 'main.js');
  const source = { compiled: false, file: path.join(ROOT, 'client', 'cli', 'main.ts') };
  try {
    if (isFresh() && fs.existsSync(compiled)) return { compiled: true, file: compiled };
    if (tscPath() && !failedOnTheseSources() && tryLock()) {
      // The child owns the lock from here: it is rewritten with the child's pid.
      const out = fs.openSync(LOG, 'w');
      const child = spawn(process.execPath, [__filename, '--background'], { cwd: ROOT, detached: true, stdio: ['ignore', out, out] });
      fs.writeFileSync(LOCK, String(child.pid));
      child.unref();
      fs.closeSync(out);
      process.stderr.write(
        `ses: dist/ is missing or older than the sources: running them with tsx this once while dist/ is rebuilt in the background (log: ${path.relative(process.cwd(), LOG)})\n`,
      );
    }
  } catch (error) {
    // e.g. a read-only checkout: the sources still run.
    process.stderr.write(`ses: cannot check or rebuild dist/ (${error.message}); running the sources with tsx\n`);
  }
  return source;
}

/** The background build `ses` started: it already holds the lock (its pid is written there). */
function backgroundBuild() {
  try {
    compile('inherit');
  } finally {
    unlock();
  }
  return 0;
}

module.exports = { cliEntry, isFresh, newestSource };

if (require.main === module) {
  process.exitCode = process.argv.includes('--background') ? backgroundBuild() : buildCommand(process.argv.slice(2));
}
