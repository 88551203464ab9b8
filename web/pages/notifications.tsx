import { useState } from 'preact/hooks';
import { post, type Problem } from '../api';
import { Empty, Loading, ProblemAlert, Success } from '../components/feedback';
import { Checkbox } from '../components/fields';
import { problemOf } from '../components/useLoad';
import { ShowMore, usePagedList } from '../components/usePagedList';
import { Link, navigate } from '../router';
import { dayText, instantText } from '../words';
import type { PageProps } from './pageProps';

/** A notification as GET /notifications lists it. */
interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  /** The page of the case (or delegation) it is about, e.g. "/qrb-cases/QRB-2026-0001". */
  casePath: string;
  dueOn: string | null;
  at: string;
  status: 'pending' | 'sent' | 'cancelled' | 'undeliverable';
  sentAt: string | null;
  readAt: string | null;
}

/** The fields of the first page beside the notifications. */
interface NotificationsHead {
  /** Every unread one, not only the page's. */
  unread: number;
}

/** What happened to the email copy. */
const deliveryText = (n: Notification): string =>
  n.status === 'sent' ? `Emailed ${instantText(n.sentAt)}` : n.status === 'undeliverable' ? 'The email could not be delivered' : 'Email not sent yet';

/** The person's notifications, newest first, a page at a time; each links to its case and can be marked read. */
export const NotificationsPage = ({ query }: PageProps) => {
  const unreadOnly = query.get('unread') === 'true';
  const list = usePagedList<Notification, NotificationsHead>(`/notifications${unreadOnly ? '?unread=true' : ''}`);
  const loaded = list.loaded;
  const [marked, setMarked] = useState<string | null>(null);
  // Marked here since the list loaded: shown read at once, without reloading the pages shown.
  const [readNow, setReadNow] = useState<ReadonlyMap<string, string>>(new Map());
  const [problem, setProblem] = useState<Problem | null>(null);
  const readAtOf = (n: Notification) => n.readAt ?? readNow.get(n.id) ?? null;
  const markRead = async (n: Notification) => {
    setProblem(null);
    try {
      await post(`/notifications/${encodeURIComponent(n.id)}/read`, {});
      setMarked(n.subject);
      setReadNow((before) => new Map(before).set(n.id, new Date().toISOString()));
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <>
      <h1>Notifications</h1>
      <Checkbox
        path="unread-only"
        label="Unread only"
        checked={unreadOnly}
        onChange={(on) => navigate(on ? '/notifications?unread=true' : '/notifications', { replace: true })}
      />
      {marked && <Success>Marked read: {marked}</Success>}
      {problem && <ProblemAlert problem={problem} />}
      {loaded.state === 'loading' && <Loading what="your notifications" />}
      {loaded.state === 'failed' && <ProblemAlert problem={loaded.problem} />}
      {loaded.state === 'ready' &&
        (loaded.value.length === 0 ? (
          <Empty>
            {unreadOnly
              ? 'You have no unread notifications.'
              : 'You have no notifications. When a case needs you, or one you work on changes, it is told here and by email.'}
          </Empty>
        ) : (
          <>
            <p class="text-base-dark" data-testid="unread-count">
              {loaded.value.length} shown, {(list.head?.unread ?? 0) - loaded.value.filter((n) => !n.readAt && readNow.has(n.id)).length} unread, newest first.
            </p>
            <ul class="usa-list usa-list--unstyled" data-testid="notifications">
              {loaded.value.map((n) => (
                <li key={n.id} data-testid="notification">
                  <div class={`margin-bottom-2 padding-2 border-1px ${readAtOf(n) ? 'border-base-lighter' : 'border-left-1 border-primary'}`}>
                    <p class="margin-y-0 text-base-dark font-body-2xs">
                      {readAtOf(n) ? <span class="usa-tag">Read</span> : <span class="usa-tag bg-primary-dark">Unread</span>}
                      <span class="margin-left-1">{instantText(n.at)}</span>
                      {n.dueOn && <> · Due {dayText(n.dueOn)}</>} · {deliveryText(n)}
                    </p>
                    <h2 class="margin-top-1 margin-bottom-0 font-heading-md">{n.subject}</h2>
                    <p class="margin-y-1">{n.body}</p>
                    <div class="margin-top-2">
                      <Link href={n.casePath} class="usa-button usa-button--outline">
                        {n.casePath.startsWith('/delegations/') ? 'Open the delegation' : 'Open the case'}
                        <span class="usa-sr-only">: {n.subject}</span>
                      </Link>
                      {!readAtOf(n) && (
                        <button type="button" class="usa-button usa-button--unstyled margin-left-1" onClick={() => void markRead(n)}>
                          Mark read<span class="usa-sr-only">: {n.subject}</span>
                        </button>
                      )}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <ShowMore list={list} what="notifications" />
          </>
        ))}
    </>
  );
};
