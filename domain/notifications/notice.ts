import type { Role } from '../roles';

/** A person by id, everyone holding a role, or the person the case is about (their own record). */
export type Addressee = { personId: string } | { role: Role } | { subjectPersonId: string };

export interface Notice {
  /** Stable name of the message, e.g. 'qrb.vote-reminder'; with the event id and the recipient it makes the notification id. */
  kind: string;
  to: Addressee[];
  subject: string;
  /** Plain text: names the case (process and case id), what is due and by when; ends with no link (the shell adds the link to casePath). */
  body: string;
  /** ISO date something is due, when something is. */
  dueOn?: string;
  /** The case page path the message links to, e.g. '/qrb-cases/QRB-2026-0001', '/probation-cases/EX-1', '/delegations/D-1'. */
  casePath: string;
  /**
   * Not sent before this (a reminder computed ahead, e.g. the QRB resubmission window closing): a table row gives the
   * agency's date, runTable turns it into the ISO instant that day begins in the agency's zone.
   */
  notBefore?: string;
  /**
   * Event types of the same stream that cancel this notice if one is recorded before it is sent
   * (e.g. the resubmission cancels the window-closing reminder).
   */
  cancelledBy?: string[];
}
