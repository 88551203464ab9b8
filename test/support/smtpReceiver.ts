import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  /** The X-SES-Notification header: the notice's kind. */
  kind: string;
  text: string;
}

export interface SmtpReceiver {
  url: string;
  /** Messages the server accepted (answered 250), in order. */
  received: ReceivedMail[];
  /** How many deliveries it refused (451) so far. */
  refused(): number;
  /** Messages whose data arrived, accepted or not yet. */
  arriving(): number;
  /** How many connections clients have opened so far. */
  connections(): number;
  /** How long each next message is held before it is accepted (ms). */
  holdEach(ms: number): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const header = (head: string, name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';

/**
 * A real SMTP server on a free loopback port (the `smtp-server` package): what
 * the notifier's mail reaches in tests. It can refuse the first deliveries (451,
 * "try again later") and hold each message before accepting it; a message whose
 * client went away before the acceptance is not counted, as a server that commits
 * on its reply would not deliver it. It closes a connection idle for `idleMs` (as servers do; default a minute).
 */
export const startSmtpReceiver = async ({
  refuseFirst = 0,
  holdMs: initialHoldMs = 0,
  idleMs = 60_000,
}: { refuseFirst?: number; holdMs?: number; idleMs?: number } = {}): Promise<SmtpReceiver> => {
  let holdMs = initialHoldMs;
  const received: ReceivedMail[] = [];
  const closed = new Set<string>();
  let refusals = 0;
  let arriving = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    socketTimeout: idleMs,
    onConnect(session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arriving += 1;
        if (refusals < refuseFirst) {
          refusals += 1;
          const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...body] = raw.split(/\r?\n\r?\n/);
        const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header(unfolded, 'Subject'),
          messageId: header(unfolded, 'Message-ID'),
          kind: header(unfolded, 'X-SES-Notification'),
          text: body.join('\n\n'),
        };
        setTimeout(() => {
          if (!closed.has(session.id)) received.push(mail);
          callback();
        }, holdMs);
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused: () => refusals,
    arriving: () => arriving,
    connections: () => connections,
    holdEach(ms) {
      holdMs = ms;
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${received.length} of ${count} messages arrived within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
