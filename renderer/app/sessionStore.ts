/** UI and session state (zustand): who is signed in. Records never live here. */
import { create } from 'zustand';
import type { User } from '../../shared/domain/organisation';

export type SessionState = {
  token: string | null;
  user: User | null;
  status: 'starting' | 'signedOut' | 'signedIn';
  setSignedIn: (token: string, user: User) => void;
  setSignedOut: () => void;
};

export const initialSessionState = { token: null, user: null, status: 'starting' } as const;

export const useSession = create<SessionState>()((set) => ({
  ...initialSessionState,
  setSignedIn: (token, user) => set({ token, user, status: 'signedIn' }),
  setSignedOut: () => set({ token: null, user: null, status: 'signedOut' }),
}));
