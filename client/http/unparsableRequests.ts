import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Problem } from '../problem';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problemDocument';

/** How long the rest of an unparsable request is read (and dropped) after the answer, before the socket is cut. */
const LINGER_MS = 2_000;

/** What Node's HTTP parser could not take, as the problem it is (Node's own default answers these without a body). */
const problemOf = (code: string | undefined): Problem =>
  code === 'HPE_HEADER_OVERFLOW'
    ? { status: 431, error: 'request.headers-too-large', message: 'the request headers exceed 16 KiB (a cookie or header too large, or too many headers)' }
    : code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { status: 408, error: 'request.timeout', message: 'the request did not arrive whole in time' }
      : { status: 400, error: 'request.unparsable', message: `the request is not HTTP/1.1 the server can read (${code ?? 'parse error'})` };

/**
 * A request Node's parser refuses (oversized headers, malformed HTTP) is answered with a problem
 * document and `Connection: close`, then the socket is half-closed while the rest of what the
 * client sent is read and dropped. Node's default destroys the socket at once, and a socket
 * closed with unread bytes is reset by the kernel: the client may lose the answer to ECONNRESET.
 */
export const answerUnparsableRequests = (server: Server): Server =>
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const problem = problemOf(error.code);
    const body = JSON.stringify(problemDocument(problem, '/'));
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
