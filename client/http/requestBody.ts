import { ProblemError } from '../problem';
import { refuseHostileJson } from './jsonStructure';

const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;
/** JSON is UTF-8 (RFC 8259 §8.1): a charset parameter may only say so. */
const CHARSET_PARAMETER = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const UTF8 = /^utf-?8$/i;

const unsupported = (message: string, rule: string, expected: string): ProblemError =>
  new ProblemError({ status: 415, error: 'unsupported-media-type', message, issues: [{ field: 'Content-Type', rule, message: expected }] });

/**
 * The request's body as text, refused before it is parsed when it is not JSON in
 * UTF-8 (415) or larger than MAX_BODY_BYTES (413, read no further than the limit).
 */
export const readJsonText = async (request: Request): Promise<string> => {
  const contentType = request.headers.get('content-type') ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw unsupported(
      `the body must be JSON sent as Content-Type: application/json${contentType ? `, not ${contentType}` : ' (none was given)'}`,
      'media-type',
      'expected application/json',
    );
  }
  const charset = CHARSET_PARAMETER.exec(contentType)?.[1];
  if (charset !== undefined && !UTF8.test(charset)) {
    throw unsupported(
      `the body must be JSON in UTF-8, not ${charset}: send Content-Type: application/json (or charset=utf-8)`,
      'charset',
      'expected charset=utf-8 or none',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ProblemError({
      status: 400,
      error: 'invalid-json',
      message: 'the body is not valid UTF-8',
      issues: [{ field: '(body)', rule: 'utf-8', message: 'bytes that are not UTF-8' }],
    });
  }
};

/** The body's JSON; syntax errors, nesting past the limit, duplicate and prototype keys are 400s naming where. */
export const parseJsonText = (text: string): unknown => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProblemError({
      status: 400,
      error: 'invalid-json',
      message: `the body is not valid JSON: ${(error as Error).message}`,
      issues: [{ field: '(body)', rule: 'json', message: (error as Error).message }],
    });
  }
  refuseHostileJson(text);
  return value;
};

const tooLarge = (): ProblemError =>
  new ProblemError({
    status: 413,
    error: 'body-too-large',
    message: `the body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`,
    issues: [{ field: '(body)', rule: 'max-size', message: `at most ${MAX_BODY_BYTES} bytes` }],
  });
