import { PERMISSIONS, type Operation } from '../../domain/permissions';
import type { Role } from '../../domain/roles';
import { ProblemError } from '../problem';
import type { Principal } from './principal';

export { PERMISSIONS, type Operation };

const forbidden = (message: string): ProblemError => new ProblemError({ status: 403, error: 'forbidden', message });

/** A 403 unless one of the person's roles may call the operation. */
export const authorize = (principal: Principal, operation: Operation): void => authorizeRoles(principal, operation, PERMISSIONS[operation]);

/** A 403 unless the person holds one of the roles an operation of a process needs (its start, its reads, a named action). */
export const authorizeRoles = (principal: Principal, operation: string, allowed: readonly Role[]): void => {
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
