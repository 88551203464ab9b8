// Where things live on disk. Everything is computed from this file's location
// (scripts/ is one level below the repo root, or two when compiled into
// dist/scripts/) so the repo can be cloned anywhere.
import fs from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `from` holding package.json (dist/ has none). */
const packageRoot = (from: string): string => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..');
  }
};

/** Absolute path of the repository root (the folder holding package.json). */
export const REPO_ROOT: string = packageRoot(path.resolve(__dirname, '..'));

/**
 * Repo-local, git-ignored cache (.cache/ is in .gitignore). Downloaded or
 * built tools go here instead of a global location so that deleting the repo
 * cleans everything up and nothing needs root.
 */
export const CACHE_DIR: string = path.join(REPO_ROOT, '.cache');

/** Path inside the cache, e.g. cachePath('bin', 'temporal'). */
export function cachePath(...parts: string[]): string {
  return path.join(CACHE_DIR, ...parts);
}

/** Path relative to the repo root, for friendlier messages. */
export function fromRepoRoot(absolutePath: string): string {
  const relative = path.relative(REPO_ROOT, absolutePath);
  return relative.startsWith('..') ? absolutePath : relative;
}
