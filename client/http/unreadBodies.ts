import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** An unread body up to this size is drained quickly and the connection kept; past it (or of unknown size) it is closed. */
const DRAINED_BODY_BYTES = 64 * 1024;

/**
 * A request answered before a large body arrived whole (refused for its token, its type,
 * its size) gets `Connection: close` on the answer. The server drains only so much of an
 * unread body before it cuts the connection; a client told to close opens a new one for
 * its next request instead of writing into a connection that is about to go.
 */
export const closeConnectionsLeftMidBody = (server: Server): Server =>
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
      const declared = request.headers['content-length'];
      const small = declared !== undefined && Number(declared) <= DRAINED_BODY_BYTES;
      if (!request.complete && !small) this.setHeader('connection', 'close');
      return writeHead.apply(this, args);
    } as typeof writeHead;
  });
