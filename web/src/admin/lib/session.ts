/**
 * The signed-in operator, in memory. On load the console asks `/v1/admin/me` (the HttpOnly cookie
 * says who is signed in); the CSRF token it returns is kept for state-changing calls. The session
 * ends on sign-out, when the server answers 401 (expired or revoked), or at `expiresAt`.
 */
import { useEffect, useState } from 'preact/hooks';
import { AdminApiError, http, onSessionEnded, setCsrfToken } from './admin-api.js';
import type { SignedIn } from './types.js';

export type SessionState =
  | { state: 'loading' }
  | { state: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { state: 'signed-in'; session: SignedIn };

export interface Session {
  current: SessionState;
  signedIn(session: SignedIn): void;
  signOut(): Promise<void>;
}

export function useSession(): Session {
  const [current, setCurrent] = useState<SessionState>({ state: 'loading' });

  const signedIn = (session: SignedIn) => {
    setCsrfToken(session.csrfToken);
    setCurrent({ state: 'signed-in', session });
  };
  const ended = (reason: 'expired' | 'signed-out') => {
    setCsrfToken(undefined);
    setCurrent({ state: 'signed-out', reason });
  };

  useEffect(() => {
    onSessionEnded(() => ended('expired'));
    http.get<SignedIn>('/v1/admin/me').then(signedIn, (error: unknown) => {
      if (error instanceof AdminApiError) setCurrent({ state: 'signed-out' });
      else throw error;
    });
  }, []);

  // The server ends the session at expiresAt; say so at that moment rather than at the next click.
  const expiresAt = current.state === 'signed-in' ? Date.parse(current.session.expiresAt) : undefined;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => ended('expired'), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const signOut = async () => {
    try {
      await http.post('/v1/admin/logout');
      ended('signed-out');
    } catch (error) {
      // A 401 already ended the session as expired; anything else: signed out here all the same.
      if (!(error instanceof AdminApiError && error.status === 401)) ended('signed-out');
    }
  };

  return { current, signedIn, signOut };
}
