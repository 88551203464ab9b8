// `npx tsx scripts/bundleRelease.ts [commit]`: the workflow bundle of a release, kept in
// test/releases/<commit>.js.gz so a test can run it again after the code has moved on.
//
// A release runs it once, on the commit it deploys (default HEAD); the bundle of an older
// commit can be made the same way as long as node_modules holds the versions that commit
// pinned. The commit is checked out in a temporary git worktree (node_modules linked in),
// so what is bundled is exactly the commit's code, whatever the working tree holds, and it
// is bundled as the worker bundles it: workflows/ with the tracing interceptors and the
// failure converter. A worker runs it with `workflowBundle: readReleaseBundle(commit)`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { failureConverterPath } from '../client/temporalDataConverter';
import { workflowInterceptorModules, workflowsPath } from '../worker/createWorker';
import { createLog, errorMessage } from './log';
import { REPO_ROOT, fromRepoRoot } from './repoPaths';

/** Where the release bundles are kept. */
export const RELEASES_DIR = join(REPO_ROOT, 'test', 'releases');

export const releaseBundlePath = (commit: string): string => join(RELEASES_DIR, `${commit}.js.gz`);

/** A kept release bundle, as a worker's `workflowBundle` option takes it. */
export const readReleaseBundle = (commit: string): { code: string } => ({ code: gunzipSync(readFileSync(releaseBundlePath(commit))).toString('utf8') });

/**
 * What the worker bundles (worker/createWorker.ts), in a checkout of the repository:
 * the same files, found at the same place relative to its root.
 */
export const workflowBundleOptions = (
  checkout: string = REPO_ROOT,
): Pick<BundleOptions, 'workflowsPath' | 'workflowInterceptorModules' | 'failureConverterPath'> => {
  const inCheckout = (path: string) => join(checkout, relative(REPO_ROOT, path));
  return {
    workflowsPath: inCheckout(workflowsPath()),
    workflowInterceptorModules: workflowInterceptorModules().map(inCheckout),
    failureConverterPath: inCheckout(failureConverterPath()),
  };
};

const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

interface LockedPackage {
  version?: string;
  optional?: boolean;
}

/**
 * The packages (bundled ones among them: the SDK's workflow runtime, zod...) the commit's
 * package-lock.json pins that node_modules lacks or holds at another version: a bundle made
 * with those would not be the code that release ran.
 */
const dependencyDrift = (commit: string): string[] => {
  const locked = JSON.parse(git('show', `${commit}:package-lock.json`)) as { packages: Record<string, LockedPackage> };
  return Object.entries(locked.packages).flatMap(([path, { version, optional }]) => {
    if (path === '' || version === undefined) return [];
    const manifest = join(REPO_ROOT, path, 'package.json');
    if (!existsSync(manifest)) return optional ? [] : [`${path} missing (locked ${version})`];
    const installed = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    return installed === version ? [] : [`${path} ${installed} (locked ${version})`];
  });
};

const SOURCE_MAP_COMMENT = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';

/**
 * The bundle with its inline source map (which the worker requires) cut to what maps stack
 * traces: file, line, column. The copy of every source file it also holds is half the bundle,
 * and the commit has them.
 */
const withoutSourcesContent = (code: string): string => {
  const at = code.lastIndexOf(SOURCE_MAP_COMMENT);
  if (at < 0) throw new Error('the bundle has no inline source map');
  const { sourcesContent: _sources, ...map } = JSON.parse(Buffer.from(code.slice(at + SOURCE_MAP_COMMENT.length), 'base64').toString('utf8')) as {
    sourcesContent?: unknown;
  };
  return `${code.slice(0, at)}${SOURCE_MAP_COMMENT}${Buffer.from(JSON.stringify(map)).toString('base64')}`;
};

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };

/** Bundles the commit's workflow code in a temporary worktree and keeps it; returns where, with the sizes. */
export const bundleRelease = async (commitish = 'HEAD'): Promise<{ commit: string; path: string; bytes: number; gzipped: number }> => {
  const commit = git('rev-parse', '--short=7', `${commitish}^{commit}`);
  const drift = dependencyDrift(commit);
  if (drift.length > 0) {
    throw new Error(`node_modules is not what ${commit} pinned; install its package-lock.json first:\n  ${drift.slice(0, 10).join('\n  ')}`);
  }
  // Webpack writes the modules' paths into the bundle: one fixed place keeps a bundle the same from run to run.
  const checkout = join(tmpdir(), `ses-release-${commit}`);
  rmSync(checkout, { recursive: true, force: true });
  git('worktree', 'prune');
  git('worktree', 'add', '--detach', checkout, commit);
  try {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
    const code = withoutSourcesContent((await bundleWorkflowCode({ ...workflowBundleOptions(checkout), logger: quietLogger })).code);
    const gzipped = gzipSync(code, { level: 9 });
    mkdirSync(RELEASES_DIR, { recursive: true });
    const path = releaseBundlePath(commit);
    writeFileSync(path, gzipped);
    return { commit, path, bytes: Buffer.byteLength(code), gzipped: gzipped.length };
  } finally {
    git('worktree', 'remove', '--force', checkout);
  }
};

if (require.main === module) {
  const log = createLog('bundle-release');
  bundleRelease(process.argv[2]).then(
    ({ commit, path, bytes, gzipped }) =>
      log(`${commit}: ${fromRepoRoot(path)} (${(gzipped / 1024).toFixed(0)} KiB gzipped, ${(bytes / 1024).toFixed(0)} KiB)`),
    (error: unknown) => {
      log(`failed: ${errorMessage(error)}`);
      process.exitCode = 1;
    },
  );
}
