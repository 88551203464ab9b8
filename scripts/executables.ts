// Finding programs without shelling out to `which` (not installed everywhere).
import fs from 'node:fs';
import path from 'node:path';

/** True when `file` exists, is a regular file (or symlink to one) and is executable by us. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` found on $PATH (plus optional extra dirs), or null. */
export function findOnPath(name: string, extraDirs: string[] = []): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).concat(extraDirs);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return path.resolve(candidate);
  }
  return null;
}
