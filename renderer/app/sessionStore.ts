/** UI and session state (zustand): who is signed in. Records never live here. */
import { create } from 'zustand';
import type { User } from '../../shared/domain/organisation';

export type SignInNotice = { kind: 'wiped'; queued: number; files: number } | { kind: 'wipePending'; reason: string };

export type SessionState = {
  token: string | null;
  user: User | null;
  status: 'starting' | 'signedOut' | 'signedIn';
  /** Set when the workstation was unlocked without the store: until when that unlock holds. */
  offlineUntil: string | null;
  /** What the sign-in screen must tell (this device was revoked: wiped, or locked until it can report). */
  notice: SignInNotice | null;
  setSignedIn: (token: string, user: User, offlineUntil?: string | null) => void;
  setSignedOut: (notice?: SignInNotice | null) => void;
};

export const initialSessionState = { token: null, user: null, status: 'starting', offlineUntil: null, notice: null } as const;

export const useSession = create<SessionState>()((set) => ({
  ...initialSessionState,
  setSignedIn: (token, user, offlineUntil = null) => set({ token, user, status: 'signedIn', offlineUntil, notice: null }),
  setSignedOut: (notice = null) => set({ token: null, user: null, status: 'signedOut', offlineUntil: null, notice }),
}));
