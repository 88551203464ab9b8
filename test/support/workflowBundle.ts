import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowBundleOptions } from '../../scripts/bundleRelease';
import { cachePath, REPO_ROOT } from '../../scripts/repoPaths';

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/** The last bundle, shared by every test process of this checkout (git-ignored). */
const CACHE_FILE = cachePath('workflow-bundle', 'bundle.json');

interface CachedBundle {
  /** The options, tsconfig.json and the installed packages (the SDK's workflow runtime, zod... are bundled too). */
  inputs: string;
  /** sha-256 of each of the repository's files in the bundle. */
  sources: Record<string, string>;
  bundle: WorkflowBundleWithSourceMap;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hashOf = (file: string): string => {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return 'missing';
  }
};
/** A function-valued option (e.g. a webpack hook) by its source text: JSON.stringify would drop it. */
const withFunctionSources = (_key: string, value: unknown): unknown => (typeof value === 'function' ? `function ${String(value)}` : value);
/**
 * The options, the installed packages and tsconfig.json. The SDK's swc-loader has its compiler options
 * inline and reads no tsconfig today; keyed anyway, so a setting that starts to matter there (paths, a
 * loader that reads it) cannot be answered with a stale bundle. Costs a rebundle per tsconfig edit.
 */
const inputsOf = (options: object): string =>
  sha256(
    JSON.stringify(options, withFunctionSources) +
      hashOf(path.join(REPO_ROOT, 'node_modules', '.package-lock.json')) +
      hashOf(path.join(REPO_ROOT, 'tsconfig.json')),
  );

/** The repository's own files webpack put in the bundle, as its inline source map names them (less the entry point it generates). */
const repoSources = (code: string): string[] => {
  const map = /sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\s*$/.exec(code)?.[1];
  if (!map) throw new Error('the workflow bundle has no inline source map to tell its sources');
  const { sources } = JSON.parse(Buffer.from(map, 'base64').toString('utf8')) as { sources: string[] };
  return sources.filter((source) => source.startsWith(REPO_ROOT + path.sep) && !source.includes(`${path.sep}node_modules${path.sep}`) && fs.existsSync(source));
};

const readCache = (inputs: string): WorkflowBundleWithSourceMap | undefined => {
  try {
    const cached = JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8')) as CachedBundle;
    const fresh = cached.inputs === inputs && Object.entries(cached.sources).every(([file, hash]) => hashOf(file) === hash);
    return fresh ? cached.bundle : undefined;
  } catch {
    return undefined; // none yet, or unreadable: bundle
  }
};

const writeCache = (inputs: string, bundle: WorkflowBundleWithSourceMap, startedMs: number): void => {
  const files = repoSources(bundle.code);
  // A file saved while webpack ran may not be what it bundled: keep this bundle to this process.
  if (files.some((file) => fs.statSync(file).mtimeMs >= startedMs)) return;
  const cached: CachedBundle = { inputs, sources: Object.fromEntries(files.map((file) => [file, hashOf(file)])), bundle };
  fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
  const temporary = `${CACHE_FILE}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(cached));
  fs.renameSync(temporary, CACHE_FILE); // whole or not at all, for processes reading it meanwhile
};

const bundleOrReuse = async (): Promise<WorkflowBundleWithSourceMap> => {
  const options = workflowBundleOptions();
  const inputs = inputsOf(options);
  const cached = readCache(inputs);
  if (cached) return cached;
  const startedMs = Date.now();
  const bundle = await bundleWorkflowCode({ ...options, logger: quietLogger });
  writeCache(inputs, bundle, startedMs);
  return bundle;
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The production workflow bundle (with its tracing interceptors and failure converter). Webpack takes
 * seconds, so one bundle serves every test process until a file in it (or an installed package) changes.
 */
export const workflowBundle = (): Promise<WorkflowBundleWithSourceMap> => (bundle ??= bundleOrReuse());
