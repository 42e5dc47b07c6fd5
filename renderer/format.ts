/** Display helpers shared by screens: times in the agent's locale, directory vocabulary in words. */
import type { DirectoryUser, Source } from '../main/domain/types';
import type { AppState } from '../main/ipc/contract';

/**
 * The app's one way of writing a time, from the OS locale (Electron's, which
 * follows the system's): its medium date and short time, "7 Dec 2026, 20:15"
 * or "Dec 7, 2026, 8:15 PM". Every screen writes times with formatTime, so the
 * same moment reads the same in the pane, the outbox, the audit, the reset's
 * result and the temporary passwords. Files and the CLI have theirs
 * (main/domain/time.ts).
 */
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string | null, fallback = 'Never'): string {
  if (iso === null) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : timeFormat.format(ms);
}

export const SOURCE_LABELS: Record<Source, string> = {
  cloud: 'Cloud',
  onPremises: 'Windows Server AD (synced)',
  externalAzureAD: 'External Azure AD',
};

/** The directory in use as the window knows it: its name for display, and what it can do. */
export type DirectoryShown = Pick<AppState, 'directoryKind' | 'directoryCapabilities'>;

/** A directory that is its users' own source of authority, by name (a label only). */
const DIRECTORY_AS_SOURCE: Record<NonNullable<AppState['directoryKind']>, string> = {
  embedded: 'Embedded directory',
  ad: 'Windows Server AD',
  openldap: 'OpenLDAP',
};

/**
 * Where a user is mastered, in the words of the directory in use: in an
 * Entra-like directory (the embedded one) an on-premises user is a synced
 * copy; read from a directory that is the users' own (Active Directory,
 * OpenLDAP), it is simply that directory's user.
 */
export function sourceLabel(source: Source, directory: DirectoryShown | null | undefined): string {
  const kind = directory?.directoryKind;
  if (kind && directory?.directoryCapabilities?.syncedFromOnPremises === false) return DIRECTORY_AS_SOURCE[kind];
  return SOURCE_LABELS[source];
}

export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

/**
 * Locked now: the lock's end is still ahead (main computed `locked` at read
 * time). A lock with no end main knows of (OpenLDAP's ppolicy without the
 * policy's duration, or one only an administrator lifts) is locked as main read it.
 */
export function isLocked(user: Pick<DirectoryUser, 'locked' | 'lockedUntil'>, now = Date.now()): boolean {
  if (user.lockedUntil === null) return user.locked;
  return Date.parse(user.lockedUntil) > now;
}

export function lockoutText(user: DirectoryUser): string {
  if (!isLocked(user)) return 'Not locked';
  const until = user.lockedUntil === null ? 'Locked' : `Locked until ${formatTime(user.lockedUntil)}`;
  const n = user.failedAttempts;
  if (n <= 0) return until;
  return `${until} after ${n} failed ${n === 1 ? 'sign-in' : 'sign-ins'}`;
}

const DIRECTORY_KIND_LABELS = { embedded: 'Embedded', ad: 'Active Directory', openldap: 'OpenLDAP' } as const;

/**
 * Which directory is in use, for the status bar: "Active Directory · Corp AD ·
 * ldaps://dc1:636", "Embedded · Contoso · /path/file". A connection profile
 * (directoryName) names itself and its server URLs; the local file names the
 * tenant and the file.
 */
export function directoryLine(state: AppState): string {
  const kind = state.directoryKind;
  const parts =
    kind === null || state.directoryName === null
      ? [kind ? DIRECTORY_KIND_LABELS[kind] : null, state.tenantName, state.directoryLocation ?? state.location]
      : [DIRECTORY_KIND_LABELS[kind], state.directoryName, state.directoryLocation?.split(/\s+/).join(', ') ?? null];
  return parts.filter((part): part is string => part !== null && part !== '').join(' · ');
}

/** Where the sign-in goes, in the sign-in screen's words: "Corp AD (Active Directory)", "Contoso (embedded directory)". */
export function signInTarget(state: AppState): string | null {
  const kind = state.directoryKind;
  if (kind !== null && state.directoryName !== null) return `${state.directoryName} (${DIRECTORY_KIND_LABELS[kind]})`;
  if (state.tenantName) return `${state.tenantName} (embedded directory)`;
  return null;
}
