// Command-line tools the project builds from their Go modules (the Temporal CLI,
// Mailpit): our machines reach the Go module proxy but no download site, so the
// same binary is built from source once and cached in .cache/bin/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath, isExecutableFile } from './executables';
import { withFileLock } from './fileLock';
import type { Log } from './log';
import { OutputTail } from './outputTail';
import { cachePath, fromRepoRoot } from './repoPaths';

export interface GoTool {
  /** The binary's name (`go install` names its output after the package). */
  binary: string;
  /** What people call it in messages, e.g. "the Temporal CLI". */
  title: string;
  module: string;
  version: string;
  /** An environment variable naming a binary to use instead. */
  pathVariable: string;
}

export const cachedBinaryOf = (tool: GoTool): string => cachePath('bin', tool.binary);

/**
 * The path of the tool's binary, trying in order: $<pathVariable> (an error if set
 * but not an executable file), the binary on $PATH, the repo-local cache, and
 * building it into that cache with `go install` (once; minutes). Null when none
 * applies because Go is not installed.
 */
export async function resolveGoTool(tool: GoTool, log: Log): Promise<string | null> {
  const fromEnv = process.env[tool.pathVariable];
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new Error(`${tool.pathVariable} is set to "${fromEnv}", but that is not an executable file. Fix or unset it.`);
    return path.resolve(fromEnv);
  }
  const onPath = findOnPath(tool.binary);
  if (onPath) return onPath;
  const cached = cachedBinaryOf(tool);
  if (isExecutableFile(cached)) return cached;
  // /usr/local/go/bin is where the official Go tarball installs; it is not always on PATH in non-login shells.
  const go = findOnPath('go', ['/usr/local/go/bin']);
  if (!go) {
    log(`No \`${tool.binary}\` found and Go is not installed, so it cannot be built here.`);
    return null;
  }
  // Lock so parallel processes (tests, provision, start) build only once.
  await withFileLock(`${cached}.lock`, { log, purpose: `building ${tool.title}` }, async () => {
    if (isExecutableFile(cached)) return; // another process built it meanwhile
    await buildWithGo(go, tool, log);
  });
  return cached;
}

async function buildWithGo(go: string, tool: GoTool, log: Log): Promise<void> {
  const cached = cachedBinaryOf(tool);
  const binDir = path.dirname(cached);
  // Build into a private temp folder and rename the finished binary into place:
  // an interrupted build can never leave a half-written binary in the cache.
  const tempBin = path.join(binDir, `.build-${tool.binary}-${process.pid}`);
  fs.mkdirSync(binDir, { recursive: true });
  // We hold the lock, so any other build folder of this tool is left over from a killed build.
  for (const entry of fs.readdirSync(binDir)) {
    if (entry.startsWith(`.build-${tool.binary}-`)) fs.rmSync(path.join(binDir, entry), { recursive: true, force: true });
  }
  fs.mkdirSync(tempBin, { recursive: true });

  const target = `${tool.module}@${tool.version}`;
  log(`Building ${tool.title} from source: go install ${target}`);
  log(`The first build takes minutes (downloads its modules and compiles); later runs reuse ${fromRepoRoot(cached)}.`);

  const started = Date.now();
  const output = new OutputTail(30);
  const child = spawn(go, ['install', target], {
    env: {
      ...process.env,
      GOBIN: tempBin,
      // 'auto' lets an older go (>= 1.21) fetch the toolchain the module needs from the module proxy.
      GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
      // No VCS stamping: the module cache is not a git checkout.
      GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const ticker = setInterval(() => log(`... still building ${tool.title} (${elapsed(started)} elapsed)`), 30_000);
  // If we are interrupted, do not leave a `go` process running in the background.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);

  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const built = path.join(tempBin, tool.binary);
    if (code !== 0 || !isExecutableFile(built)) {
      throw new Error(`\`go install ${target}\` failed (exit code ${code}). Last output:\n${output.text()}`);
    }
    fs.renameSync(built, cached); // atomic on the same filesystem
    log(`Built ${tool.title} in ${elapsed(started)}: ${fromRepoRoot(cached)}`);
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
