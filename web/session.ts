import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { mayCall, type Operation } from '../domain/permissions';
import type { Role } from '../domain/roles';

/** The signed-in person as GET /auth/session tells it. */
export interface Session {
  person: { id: string; name: string | null; roles: Exclude<Role, 'system'>[] };
  csrf: string;
  expiresAt: string;
  signIn: 'dev' | 'oidc';
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person (pages under the layout are only rendered with one). */
export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
};

/** Whether the person's roles allow the operation: the pages offer nothing the API would refuse with 403. */
export const useCan = (): ((operation: Operation) => boolean) => {
  const { person } = useSession();
  return (operation) => mayCall(person.roles, operation);
};

export const holds = (session: Session, role: Role): boolean => (session.person.roles as readonly Role[]).includes(role);
