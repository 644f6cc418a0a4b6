/**
 * The staff session: the token lives in sessionStorage (this tab only, gone when it closes), never
 * in a URL, a cookie or a log; while it is set every API request carries it (api.ts).
 */
import { ApiAnswerError, request, setStaffToken } from '../api.js';
import type { Operation } from '../queries.js';

const STORAGE_KEY = 'archipel.staffToken';

export type StaffRole = 'EDITOR' | 'ADMIN';

/** Who is signed in, as the API's `viewer` says. */
export interface Viewer {
  name: string;
  role: StaffRole;
}

const VIEWER: Operation = { name: 'ArchipelViewer', text: 'query ArchipelViewer { viewer { name role } }' };

/** The token this tab signed in with, if any. */
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage refused (privacy settings): staff simply sign in again.
    return null;
  }
}

/**
 * Asks the API who `token` belongs to. On success the token is kept for the tab and sent from
 * then on; otherwise nothing is kept and the request goes on anonymous. Throws `ApiAnswerError`
 * (UNAUTHENTICATED) for a token the API refuses, and for a token it does not know as staff.
 */
export async function signIn(token: string): Promise<Viewer> {
  setStaffToken(token);
  try {
    const { viewer } = await request<{ viewer: Viewer | null }>(VIEWER);
    if (!viewer) throw new ApiAnswerError('not a staff token', 'UNAUTHENTICATED');
    sessionStorage.setItem(STORAGE_KEY, token);
    return viewer;
  } catch (error) {
    // A stored token the API no longer accepts is dropped too: the tab goes on anonymous.
    signOut();
    throw error;
  }
}

/** Forgets the token: the tab is anonymous again. */
export function signOut(): void {
  setStaffToken(null);
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
