// Where things live on disk. Everything is computed from this file's location
// (scripts/ is one level below the repo root) so the repo can be cloned anywhere.
import path from 'node:path';

/** Absolute path of the repository root (the folder holding package.json). */
export const REPO_ROOT: string = path.resolve(__dirname, '..');

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
