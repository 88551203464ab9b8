// Getting the Temporal *time-skipping test server* (used by
// TestWorkflowEnvironment.createTimeSkipping) without internet.
//
// Why: the TS SDK normally downloads a native test-server binary from GitHub
// at run time, which our machines cannot reach. The same server is published
// on Maven Central as a Java library (io.temporal:temporal-test-server), so we
// let Maven fetch it (Maven caches the jars in ~/.m2) and generate a small
// launcher script that the SDK can run as an "existing-path" executable.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { findOnPath, isExecutableFile } from './executables';
import { withFileLock } from './fileLock';
import { errorMessage, type Log } from './log';
import { OutputTail } from './outputTail';
import { cachePath, fromRepoRoot, REPO_ROOT } from './repoPaths';

/** The pom that lists the test server as a dependency (version lives there). */
export const TEST_SERVER_POM: string = path.join(REPO_ROOT, 'scripts', 'test-server', 'pom.xml');
const CACHE = cachePath('test-server');
/** Generated launcher: `temporal-test-server <port>` starts the server on that port. */
export const TEST_SERVER_LAUNCHER: string = path.join(CACHE, 'temporal-test-server');
const CLASSPATH_FILE = path.join(CACHE, 'classpath.txt');
/** Hash of the pom and the JVM flags the cache was built with: editing either (e.g. a version bump) rebuilds the cache. */
const STAMP_FILE = path.join(CACHE, 'pom.sha256');
const MAIN_CLASS = 'io.temporal.testserver.TestServer';
/** The classes the server loads at start, stored by the JVM (AppCDS): a start takes ~1 s instead of ~4 s, most of it under load. */
const CLASS_ARCHIVE = path.join(CACHE, 'classes.jsa');
/**
 * Hash of the JDK, the JVM flags and the classpath the archive was made with. A JVM silently ignores an
 * archive another JDK build made (-Xshare:auto), so a changed JDK makes it again; so does a missing one
 * (the last attempt failed, e.g. the server did not start): making it is best effort, retried each run.
 */
const ARCHIVE_STAMP_FILE = path.join(CACHE, 'classes.jsa.sha256');
/**
 * A test file's server lives seconds to a minute beside other test files on a few cores: the serial
 * collector and C1 alone start sooner and spare the cores the C2 compiler's threads. The SDK gives the
 * server 5 s to listen, so its start must stay well under that with every core busy. A changed flag
 * list rebuilds the cache (the flags are in the stamp).
 */
const JVM_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

/**
 * Returns the path of an executable that starts the time-skipping test server
 * (argument: the port). $TEMPORAL_TEST_SERVER_PATH wins if set. Otherwise the
 * first call runs Maven once (~30 s with an empty ~/.m2) and later calls reuse
 * the cache without running Maven. Safe to call from concurrent processes.
 */
export async function resolveTestServerLauncher(log: Log): Promise<string> {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`TEMPORAL_TEST_SERVER_PATH is set to "${fromEnv}", but that is not an executable file. Fix or unset it.`);
    }
    return path.resolve(fromEnv);
  }

  // The launcher runs `java`, so check for it even when the cache is complete.
  if (!findOnPath('java')) {
    throw new Error(
      'Java is not installed (`java` is not on PATH); it is needed to run the Temporal time-skipping test server. ' +
        'Install a Java 11+ runtime, e.g. `apt-get install openjdk-17-jdk-headless maven` on Debian/Ubuntu.',
    );
  }
  if (isCacheComplete() && isArchiveCurrent()) return TEST_SERVER_LAUNCHER;

  await withFileLock(path.join(CACHE, '.lock'), { log, purpose: 'preparing the Temporal test server' }, async () => {
    // Another process may have done either while we waited.
    if (!isCacheComplete()) await buildCache(log);
    if (!isArchiveCurrent()) await archiveClasses(readClasspath().join(path.delimiter), log);
  });
  return TEST_SERVER_LAUNCHER;
}

/** True when launcher, classpath and stamp exist, match the pom, and every jar is still in ~/.m2. */
function isCacheComplete(): boolean {
  try {
    if (!isExecutableFile(TEST_SERVER_LAUNCHER)) return false;
    if (fs.readFileSync(STAMP_FILE, 'utf8').trim() !== cacheKey()) return false;
    const jars = readClasspath();
    return jars.length > 0 && jars.every((jar) => fs.existsSync(jar));
  } catch {
    return false; // a file is missing: rebuild
  }
}

async function buildCache(log: Log): Promise<void> {
  const mvn = findOnPath('mvn');
  if (!mvn) {
    throw new Error(
      'Maven is not installed (`mvn` is not on PATH); it is needed once to download the Temporal time-skipping test server from Maven Central. ' +
        'Install it, e.g. `apt-get install maven` on Debian/Ubuntu.',
    );
  }
  fs.mkdirSync(CACHE, { recursive: true });
  const started = Date.now();
  log(`Fetching the Temporal time-skipping test server (${describePomVersion()}) from Maven Central (first time only; Maven keeps the jars in ~/.m2) ...`);

  // Every file is written to a temporary name and renamed into place, so a
  // concurrent reader sees either nothing or a complete file. The stamp is
  // written last: it marks the cache as complete.
  const tempClasspath = `${CLASSPATH_FILE}.tmp-${process.pid}`;
  try {
    await runMaven(mvn, tempClasspath, log);
    const classpath = fs.readFileSync(tempClasspath, 'utf8').trim();
    if (!classpath) throw new Error(`Maven produced an empty classpath for ${fromRepoRoot(TEST_SERVER_POM)}.`);
    fs.renameSync(tempClasspath, CLASSPATH_FILE);
    writeAtomically(TEST_SERVER_LAUNCHER, launcherScript(classpath), 0o755);
    writeAtomically(STAMP_FILE, `${cacheKey()}\n`, 0o644);
  } finally {
    fs.rmSync(tempClasspath, { force: true });
  }
  log(`Test server ready in ${Math.round((Date.now() - started) / 1000)} s: ${fromRepoRoot(TEST_SERVER_LAUNCHER)}`);
}

function runMaven(mvn: string, outputFile: string, log: Log): Promise<void> {
  const args = ['-B', '-q', '-Dstyle.color=never', '-f', TEST_SERVER_POM, 'dependency:build-classpath', `-Dmdep.outputFile=${outputFile}`];
  const output = new OutputTail(40);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const ticker = setInterval(() => log(`... Maven still downloading (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    child.once('error', (error) => {
      clearInterval(ticker);
      reject(new Error(`Could not run Maven (${mvn}): ${error.message}`));
    });
    child.once('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `Maven failed (exit code ${code}) resolving ${fromRepoRoot(TEST_SERVER_POM)}. ` +
              `Is Maven Central reachable (proxy settings in ~/.m2/settings.xml)? Command: mvn ${args.join(' ')}\n` +
              `Last output:\n${output.text()}`,
          ),
        );
    });
  });
}

function launcherScript(classpath: string): string {
  return [
    '#!/bin/sh',
    '# Generated by scripts/testServer.ts - do not edit; delete .cache/test-server/ to regenerate.',
    '# Starts the Temporal time-skipping test server; argument: the port to listen on.',
    // A missing archive is no error (-Xshare:auto): the server starts without it.
    `exec java ${[...JVM_FLAGS, `-XX:SharedArchiveFile=${CLASS_ARCHIVE}`].map(quoted).join(' ')} -cp ${quoted(classpath)} ${MAIN_CLASS} "$@"`,
    '',
  ].join('\n');
}

const quoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Starts the server once with -XX:ArchiveClassesAtExit and stops it when it listens: the JVM writes the
 * classes it loaded to the archive as it exits. Best effort: without the archive the server starts slower.
 * Written under a temporary name and renamed, as a truncated archive crashes the JVM that maps it.
 */
async function archiveClasses(classpath: string, log: Log): Promise<void> {
  const temporary = `${CLASS_ARCHIVE}.tmp-${process.pid}`;
  try {
    const port = await freePort();
    const java = spawn('java', [...JVM_FLAGS, `-XX:ArchiveClassesAtExit=${temporary}`, '-cp', classpath, MAIN_CLASS, String(port)], { stdio: 'ignore' });
    let failure: Error | undefined;
    const ended = new Promise<void>((resolve) => {
      java.once('exit', () => resolve());
      java.once('error', (error) => {
        failure = error; // e.g. java gone since the PATH check: no archive, no crash
        resolve();
      });
    });
    const listening = await waitForPort(port, 60_000, () => !failure && java.exitCode === null && java.signalCode === null);
    java.kill('SIGTERM');
    await ended;
    if (failure) throw new Error(`could not run java: ${failure.message}`);
    if (!listening || !fs.existsSync(temporary)) throw new Error('the server did not start and stop cleanly');
    fs.renameSync(temporary, CLASS_ARCHIVE);
    writeAtomically(ARCHIVE_STAMP_FILE, `${archiveKey()}\n`, 0o644);
  } catch (error) {
    log(`No class archive for the test server (${errorMessage(error)}): it starts without one, slower.`);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/** Whether something listens on `port` within `timeoutMs`; gives up early once `alive` (the process meant to listen) says no. */
async function waitForPort(port: number, timeoutMs: number, alive: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && alive(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false)); // refused: not listening yet
    });
    if (open) return true;
  }
  return false;
}

function readClasspath(): string[] {
  return fs.readFileSync(CLASSPATH_FILE, 'utf8').trim().split(path.delimiter).filter(Boolean);
}

/** The pom and the JVM flags the cache was built with. */
function cacheKey(): string {
  return crypto.createHash('sha256').update(fs.readFileSync(TEST_SERVER_POM)).update(JVM_FLAGS.join('\n')).digest('hex');
}

function isArchiveCurrent(): boolean {
  try {
    return fs.existsSync(CLASS_ARCHIVE) && fs.readFileSync(ARCHIVE_STAMP_FILE, 'utf8').trim() === archiveKey();
  } catch {
    return false; // no stamp: no archive made yet, or the last attempt failed
  }
}

let jdk: string | undefined;
/** The JDK the launcher runs: the real path of `java` on PATH, and its version and build (~0.2 s, once per process). */
function jdkIdentity(): string {
  if (jdk === undefined) {
    const java = findOnPath('java');
    const version = java ? spawnSync(java, ['-version'], { encoding: 'utf8' }) : undefined;
    jdk = java ? `${fs.realpathSync(java)}\n${version?.stderr}${version?.stdout}` : 'no java';
  }
  return jdk;
}

/** The JDK, the JVM flags and the classpath the class archive is made with. */
function archiveKey(): string {
  return crypto.createHash('sha256').update(jdkIdentity()).update(JVM_FLAGS.join('\n')).update(fs.readFileSync(CLASSPATH_FILE)).digest('hex');
}

function describePomVersion(): string {
  const match = /<artifactId>temporal-test-server<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(fs.readFileSync(TEST_SERVER_POM, 'utf8'));
  return `io.temporal:temporal-test-server:${match?.[1] ?? '?'}`;
}

function writeAtomically(file: string, content: string, mode: number): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content, { mode });
  fs.chmodSync(temp, mode); // writeFileSync's mode is filtered by the umask
  fs.renameSync(temp, file);
}
