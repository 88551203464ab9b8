import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { REPO_ROOT } from '../../scripts/repoPaths';

/** Where `npm run build` puts the pages' bundle (web/ bundled by esbuild). */
export const WEB_BUILD_DIR = join(REPO_ROOT, 'dist', 'web');
/** The U.S. Web Design System's compiled styles, fonts and images, served as the package ships them. */
const USWDS_DIR = join(REPO_ROOT, 'node_modules', '@uswds', 'uswds', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
/** Text compresses (the bundle 821 KB -> 172 KB, USWDS's CSS 527 KB -> 46 KB); images and fonts come compressed. */
const COMPRESSIBLE = new Set(['.js', '.css', '.map', '.svg']);

type Coding = 'br' | 'gzip';
const compressors: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 9: a fifth of brotli's best time for 8% more bytes (44 ms for the bundle here, once per build).
  br: (body) => promisify(brotliCompress)(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** Each file compressed once per version of it (its tag), off the event loop; at most every asset file, twice. */
const compressed = new Map<string, { tag: string; bodies: Partial<Record<Coding, Promise<Buffer>>> }>();
const compressedBody = (file: string, tag: string, coding: Coding, body: () => Promise<Buffer>): Promise<Buffer> => {
  let entry = compressed.get(file);
  if (entry?.tag !== tag) compressed.set(file, (entry = { tag, bodies: {} }));
  const bodies = entry.bodies;
  const made = (bodies[coding] ??= body().then(compressors[coding]));
  // A failed read or compression is not kept: the next request tries again.
  made.catch(() => delete bodies[coding]);
  return made;
};

/**
 * The coding the client takes (RFC 9110 Accept-Encoding): brotli before gzip, neither when refused
 * (`;q=0`, `identity` only, or no header).
 */
export const codingFor = (acceptEncoding: string | undefined): Coding | null => {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = (coding: Coding) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  return weight('br') > 0 ? 'br' : weight('gzip') > 0 ? 'gzip' : null;
};

/** RFC 9110 If-None-Match: `*`, or a list of entity tags compared weakly. */
const ifNoneMatch = (header: string | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag));
};

const decodeURIComponentSafe = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
};

/**
 * `/assets/...`: the pages' bundle from dist/web/, USWDS under `/assets/uswds/`. Each answer carries
 * an ETag (the file's size and time, and the coding): the bundle's name never changes, so a browser
 * revalidates it on each use and, while it is the same build, gets a 304 instead of the bundle again.
 * Text goes compressed to a browser that takes brotli or gzip. USWDS files change only with the package.
 */
export const serveAsset = async (c: Context): Promise<Response> => {
  const relative = normalize(decodeURIComponentSafe(c.req.path.slice('/assets/'.length)));
  const fromUswds = relative.startsWith(`uswds${sep}`);
  const root = fromUswds ? USWDS_DIR : WEB_BUILD_DIR;
  const file = join(root, fromUswds ? relative.slice('uswds/'.length) : relative);
  if (relative.startsWith('..') || !file.startsWith(root + sep)) return c.text('no such asset', 404);
  let version: string;
  try {
    const found = await stat(file);
    if (!found.isFile()) return c.text('no such asset', 404);
    version = `${found.size.toString(16)}-${Math.trunc(found.mtimeMs).toString(16)}`;
  } catch {
    return c.text('no such asset', 404);
  }
  const extension = extname(file);
  const coding = COMPRESSIBLE.has(extension) ? codingFor(c.req.header('accept-encoding')) : null;
  const headers: Record<string, string> = {
    etag: `W/"${version}${coding ? `-${coding}` : ''}"`,
    'cache-control': fromUswds ? 'public, max-age=86400' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(COMPRESSIBLE.has(extension) ? { vary: 'accept-encoding' } : {}),
  };
  if (ifNoneMatch(c.req.header('if-none-match'), headers.etag!)) return c.body(null, 304, headers);
  let body: Buffer;
  try {
    body = coding ? await compressedBody(file, version, coding, () => readFile(file)) : await readFile(file);
  } catch {
    return c.text('no such asset', 404);
  }
  return c.body(new Uint8Array(body), 200, {
    ...headers,
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    ...(coding ? { 'content-encoding': coding } : {}),
  });
};
