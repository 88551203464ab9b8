import { ProblemError } from '../problem';

const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * The request's body as text, refused before it is parsed when it is not JSON
 * (415) or larger than MAX_BODY_BYTES (413, read no further than the limit).
 */
export const readJsonText = async (request: Request): Promise<string> => {
  const contentType = request.headers.get('content-type') ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new ProblemError({
      status: 415,
      error: 'unsupported-media-type',
      message: `the body must be JSON sent as Content-Type: application/json${contentType ? `, not ${contentType}` : ' (none was given)'}`,
      issues: [{ field: 'Content-Type', rule: 'media-type', message: 'expected application/json' }],
    });
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
  return Buffer.concat(chunks).toString('utf8');
};

export const parseJsonText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProblemError({
      status: 400,
      error: 'invalid-json',
      message: `the body is not valid JSON: ${(error as Error).message}`,
      issues: [{ field: '(body)', rule: 'json', message: (error as Error).message }],
    });
  }
};

const tooLarge = (): ProblemError =>
  new ProblemError({ status: 413, error: 'body-too-large', message: `the body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`, issues: [{ field: '(body)', rule: 'max-size', message: `at most ${MAX_BODY_BYTES} bytes` }] });
