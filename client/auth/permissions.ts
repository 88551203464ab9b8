import { RoleSchema, type Role } from '../../domain/roles';
import { ProblemError } from '../problem';
import type { Principal } from './principal';

type PersonRole = Exclude<Role, 'system'>;

const EVERYONE = RoleSchema.options.filter((role): role is PersonRole => role !== 'system');
/** Everyone who works cases; the executive or employee a case is about reads it through HR. */
const CASE_READERS = EVERYONE.filter((role) => role !== 'executive' && role !== 'employee');
/** An auditor reads everything and changes nothing (the deciders refuse an auditor too). */
const EVERYONE_BUT_AUDITORS = EVERYONE.filter((role) => role !== 'auditor');

/** Which roles may call each operation of the CLI and the HTTP API. */
export const PERMISSIONS = {
  'qrb.submit': ['hr-specialist'],
  'qrb.convene': ['opm-qrb-staff'],
  'qrb.vote': ['qrb-member'],
  'qrb.resubmit': ['hr-specialist'],
  'qrb.withdraw': ['hr-specialist'],
  'qrb.transition': ['opm-qrb-staff'],
  'qrb.appoint': ['hr-specialist'],
  'case.start': ['hr-specialist'],
  /** The action's own role is checked against the person's roles (or a delegation) as well. */
  'case.act': EVERYONE_BUT_AUDITORS,
  'case.status': CASE_READERS,
  'delegation.grant': EVERYONE_BUT_AUDITORS,
  'delegation.revoke': EVERYONE_BUT_AUDITORS,
  'delegation.read': CASE_READERS,
  'inbox.read': EVERYONE,
  'reports.read': ['auditor', 'executive-resources-office', 'hr-specialist', 'admin'],
  'audit.read': ['auditor'],
  'audit.access-log': ['auditor'],
} as const satisfies Record<string, readonly PersonRole[]>;

export type Operation = keyof typeof PERMISSIONS;

const forbidden = (message: string): ProblemError => new ProblemError({ status: 403, error: 'forbidden', message });

/** A 403 unless one of the person's roles may call the operation. */
export const authorize = (principal: Principal, operation: Operation): void => {
  const allowed: readonly Role[] = PERMISSIONS[operation];
  if (!principal.roles.some((role) => allowed.includes(role))) {
    throw forbidden(`${principal.id} (${principal.roles.join(', ')}) may not ${operation}: it needs the role ${allowed.join(' or ')}`);
  }
};

/** A 403 when a body names someone else as the person acting: people act as themselves (acting officials through a delegation). */
export const requireSelf = (principal: Principal, claimedId: string, field: string): void => {
  if (claimedId !== principal.id) {
    throw forbidden(`${field} names ${claimedId}, but the token is ${principal.id}'s: a person acts only as themself (an acting official uses a delegation)`);
  }
};

/** A 403 unless the person holds the role they claim to act in. */
export const requireRole = (principal: Principal, role: Role, field: string): void => {
  if (!(principal.roles as readonly Role[]).includes(role)) {
    throw forbidden(`${field} is ${role}, a role ${principal.id} does not hold (${principal.roles.join(', ')})`);
  }
};
