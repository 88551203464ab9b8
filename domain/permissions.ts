import { RoleSchema, type Role } from './roles';

type PersonRole = Exclude<Role, 'system'>;

const EVERYONE = RoleSchema.options.filter((role): role is PersonRole => role !== 'system');
/** Everyone who works cases; the executive or employee a case is about reads it through HR. */
export const CASE_READERS = EVERYONE.filter((role) => role !== 'executive' && role !== 'employee');
/** An auditor reads everything and changes nothing (the deciders refuse an auditor too). */
const EVERYONE_BUT_AUDITORS = EVERYONE.filter((role) => role !== 'auditor');

/**
 * Which roles may call each operation of the CLI, the HTTP API and the web pages (which offer nothing a person's
 * roles may not do). A process's own definition narrows its cases: the roles that start and read them
 * (`roles`), and the one role of each action with its own path (`namedActions`, e.g. a QRB vote).
 */
export const PERMISSIONS = {
  /** Any process's start: the roles that start one (each definition's roles.start). */
  'case.start': ['hr-specialist'],
  /** The action's own role is checked against the person's roles (or a delegation) as well. */
  'case.act': EVERYONE_BUT_AUDITORS,
  'case.status': CASE_READERS,
  'delegation.grant': EVERYONE_BUT_AUDITORS,
  'delegation.revoke': EVERYONE_BUT_AUDITORS,
  'delegation.read': CASE_READERS,
  'inbox.read': EVERYONE,
  'reports.read': ['auditor', 'executive-resources-office', 'hr-specialist', 'admin'],
  /** The appraisal cycle agency-wide: PRB panels, the Level 4-5 share against the cap, the distribution (read before final ratings are issued). */
  'appraisal.agency-view': ['executive-resources-office', 'hr-specialist', 'appointing-authority', 'auditor', 'admin'],
  'audit.read': ['auditor'],
  'audit.access-log': ['auditor'],
  /** The Temporal Web UI's codec endpoint: decoding shows a case's payloads in the clear, so whoever may read cases. */
  'temporal.decode': CASE_READERS,
  /** Sealing what someone types into the Temporal Web UI (a signal's argument): whoever may read cases and act on them. */
  'temporal.encode': CASE_READERS.filter((role) => role !== 'auditor'),
} as const satisfies Record<string, readonly PersonRole[]>;

export type Operation = keyof typeof PERMISSIONS;

/** Whether one of the roles may call the operation. */
export const mayCall = (roles: readonly Role[], operation: Operation): boolean =>
  roles.some((role) => (PERMISSIONS[operation] as readonly Role[]).includes(role));
