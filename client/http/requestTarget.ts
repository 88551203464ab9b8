import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem';
import { problemAnswer, respond } from './mountRoutes';

/** NUL and the other C0 controls, and DEL: no id, path or parameter of this API holds one. */
const hasControlCharacter = (text: string): boolean => [...text].some((char) => char <= '\u001f' || char === '\u007f');

const malformed = (field: string, rule: string, message: string): ProblemError =>
  new ProblemError({ status: 400, error: `request.${rule}`, message: `${field}: ${message}`, issues: [{ field, rule, message }] });

const decoded = (text: string, field: string): string => {
  let value: string;
  try {
    value = decodeURIComponent(text);
  } catch {
    throw malformed(field, 'percent-encoding', `"${text}" is not valid percent-encoded UTF-8 (each % takes two hex digits, and the bytes must be UTF-8)`);
  }
  if (hasControlCharacter(value)) throw malformed(field, 'control-character', `${JSON.stringify(value)} holds a control character`);
  return value;
};

/**
 * Refuses a request whose path or query cannot be decoded (`/qrb-cases/%ZZ`, a cut-off or
 * overlong UTF-8 sequence) or decodes to control characters (`%00`), before any page,
 * route or authentication sees it: a 400 problem document, whoever sends it.
 */
export const refuseMalformedTargets = (): MiddlewareHandler => async (c, next) => {
  const { pathname, search } = new URL(c.req.url);
  try {
    for (const segment of pathname.split('/')) decoded(segment, 'path');
    for (const pair of search.slice(1).split('&')) {
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      decoded(value.replace(/\+/g, ' '), `query.${decoded(name.replace(/\+/g, ' '), 'query')}`);
    }
  } catch (error) {
    return respond(problemAnswer(error, pathname));
  }
  return next();
};
