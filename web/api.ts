// Every call the pages make goes through here: the same JSON API the CLI uses,
// with the session cookie, the CSRF token on writes, If-Match and Idempotency-Key.

/** An RFC 9457 problem document as the API answers it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  rule: string;
  instance?: string;
  issues?: { field: string; rule: string; message: string }[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The case revision the ETag names ("7" → 7), when the answer has one. */
  revision: number | null;
}

let csrfToken: string | null = null;
/** Set once the session is known: every write sends it. */
export const useCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

interface CallOptions {
  body?: unknown;
  /** The case revision the person saw: a write on a case that moved on answers 412. */
  ifMatch?: number;
  /** Why a case is read (the access log records it). */
  purpose?: string;
  /** One key per decision the person submits: a retried submission is not recorded twice. */
  idempotencyKey?: string;
  /** Text (exports) instead of JSON. */
  text?: boolean;
}

const NETWORK_PROBLEM: Problem = {
  title: 'Server unreachable',
  status: 0,
  rule: 'network',
  detail:
    'The server cannot be reached. Check your connection, or ask the administrator whether the SES Personnel Actions service is running; nothing was sent.',
};

/** Where a signed-out person goes: the sign-in, which brings them back here. */
export const signInUrl = (): string => `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;

export const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> => {
  const headers: Record<string, string> = { accept: options.text ? '*/*' : 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  if (options.purpose) headers['x-purpose'] = options.purpose;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiProblem(NETWORK_PROBLEM);
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/auth/')) {
      // The session ended: back to the sign-in, which returns here.
      location.assign(signInUrl());
    }
    throw new ApiProblem(problemOf(response.status, text));
  }
  const etag = response.headers.get('etag');
  const revision = etag && /^"\d+"$/.test(etag) ? Number(etag.slice(1, -1)) : null;
  return { status: response.status, body: (options.text ? text : text ? JSON.parse(text) : null) as T, revision };
};

const problemOf = (status: number, text: string): Problem => {
  try {
    const parsed = JSON.parse(text) as Problem;
    if (typeof parsed.detail === 'string') return parsed;
  } catch {
    // not a problem document: a proxy's error page, say
  }
  return { title: `Error ${status}`, status, rule: 'http', detail: `The server answered ${status}. Try again; if it persists, tell the administrator.` };
};

export const get = <T = Record<string, unknown>>(path: string, options: Omit<CallOptions, 'body' | 'ifMatch'> = {}) => call<T>('GET', path, options);
export const post = <T = Record<string, unknown>>(path: string, body: unknown, options: Omit<CallOptions, 'body'> = {}) =>
  call<T>('POST', path, { ...options, body });

/** A fresh key for one submission of a form. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
