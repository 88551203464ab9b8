// Locating (or building) the `temporal` CLI, which contains the Temporal dev
// server (`temporal server start-dev`).
//
// Why not let the Temporal TS SDK download it? The SDK fetches a prebuilt binary
// from temporal.download at run time, and our machines only reach package
// registries. The Go module proxy *is* reachable, so with Go installed we can
// build the exact same CLI from source once and cache it in .cache/bin/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath, isExecutableFile } from './executables';
import { withFileLock } from './fileLock';
import { errorMessage, type Log } from './log';
import { OutputTail } from './outputTail';
import { cachePath, fromRepoRoot } from './repoPaths';

/**
 * Exact version to build. v1.5.1 on purpose: later tags have a `replace`
 * directive in go.mod, and `go install pkg@version` refuses modules with one.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** Where the built CLI is cached (git-ignored). */
export const CACHED_TEMPORAL_CLI: string = cachePath('bin', 'temporal');

/**
 * Returns the path of a `temporal` CLI binary, trying in order:
 *   1. $TEMPORAL_CLI_PATH (an error if set but not an executable file),
 *   2. `temporal` on $PATH,
 *   3. the repo-local cache .cache/bin/temporal,
 *   4. building it into that cache with `go install` (once; several minutes).
 * Returns null when none applies because Go is not installed: the caller may
 * then let the SDK try its own download (which fails without internet; see
 * temporalCliMissingMessage for the message to show then).
 */
export async function resolveTemporalCli(log: Log): Promise<string | null> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`TEMPORAL_CLI_PATH is set to "${fromEnv}", but that is not an executable file. Fix or unset it.`);
    }
    return path.resolve(fromEnv);
  }

  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  if (isExecutableFile(CACHED_TEMPORAL_CLI)) return CACHED_TEMPORAL_CLI;

  // /usr/local/go/bin is where the official Go tarball installs; it is not
  // always on PATH in non-login shells.
  const go = findOnPath('go', ['/usr/local/go/bin']);
  if (!go) {
    log('No `temporal` CLI found and Go is not installed, so it cannot be built here.');
    return null;
  }

  // Lock so parallel processes (tests, provision, start) build only once.
  await withFileLock(`${CACHED_TEMPORAL_CLI}.lock`, { log, purpose: 'building the Temporal CLI' }, async () => {
    if (isExecutableFile(CACHED_TEMPORAL_CLI)) return; // another process built it meanwhile
    await buildWithGo(go, log);
  });
  return CACHED_TEMPORAL_CLI;
}

/**
 * One message telling a newcomer exactly what to install when no CLI could be
 * found or built (pass the error that ended the attempt, if any).
 */
export function temporalCliMissingMessage(cause?: unknown): string {
  const why = cause === undefined ? '' : ` (${errorMessage(cause)})`;
  return (
    `Could not get the Temporal CLI (\`temporal\`, which runs the local dev server)${why}. ` +
    `Fix it with ONE of: install Go 1.21 or newer (https://go.dev/doc/install; it fetches the Go >= 1.25 toolchain this build needs from the Go module proxy) ` +
    `and run \`npm run provision\` to build it into ${fromRepoRoot(CACHED_TEMPORAL_CLI)}; ` +
    `or put a \`temporal\` binary on your PATH; or set TEMPORAL_CLI_PATH=/path/to/temporal.`
  );
}

async function buildWithGo(go: string, log: Log): Promise<void> {
  const binDir = path.dirname(CACHED_TEMPORAL_CLI);
  // `go install` always names its output after the package, so build into a
  // private temp folder and rename the finished binary into place: an
  // interrupted build can never leave a half-written .cache/bin/temporal.
  const tempBin = path.join(binDir, `.build-${process.pid}`);
  fs.mkdirSync(binDir, { recursive: true });
  // We hold the lock, so any other .build-* folder is left over from a killed build.
  for (const entry of fs.readdirSync(binDir)) {
    if (entry.startsWith('.build-')) fs.rmSync(path.join(binDir, entry), { recursive: true, force: true });
  }
  fs.mkdirSync(tempBin, { recursive: true });

  const target = `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`;
  log(`Building the Temporal CLI from source: go install ${target}`);
  log(`The first build takes several minutes (downloads ~200 modules and compiles); later runs reuse ${fromRepoRoot(CACHED_TEMPORAL_CLI)}.`);

  const started = Date.now();
  const output = new OutputTail(30);
  const child = spawn(go, ['install', target], {
    env: {
      ...process.env,
      GOBIN: tempBin,
      // The CLI needs Go >= 1.25; 'auto' lets an older go (>= 1.21) fetch that toolchain from the module proxy.
      GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
      // No VCS stamping: the module cache is not a git checkout.
      GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const ticker = setInterval(() => log(`... still building the Temporal CLI (${elapsed(started)} elapsed)`), 30_000);
  // If we are interrupted, do not leave a `go` process running in the background.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);

  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const built = path.join(tempBin, 'temporal');
    if (code !== 0 || !isExecutableFile(built)) {
      throw new Error(`\`go install ${target}\` failed (exit code ${code}). Last output:\n${output.text()}`);
    }
    fs.renameSync(built, CACHED_TEMPORAL_CLI); // atomic on the same filesystem
    log(`Built the Temporal CLI in ${elapsed(started)}: ${fromRepoRoot(CACHED_TEMPORAL_CLI)}`);
  } finally {
    clearInterval(ticker);
    process.removeListener('exit', killChild);
    fs.rmSync(tempBin, { recursive: true, force: true });
  }
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
