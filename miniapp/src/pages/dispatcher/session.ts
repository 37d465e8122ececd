import { getSession, type Session } from '../../lib/session';

/** A dispatcher's or admin's session: the only ones the desk's API answers. */
export function dispatcherSession(): Session | null {
  const session = getSession();
  return session && (session.user.role === 'dispatcher' || session.user.role === 'admin') ? session : null;
}
