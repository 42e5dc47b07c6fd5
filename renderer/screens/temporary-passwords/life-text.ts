/**
 * A temporary password's life in words, for the user pane and the follow-up
 * view: "Issued 1 Dec 2026, 10:42 by Ben Walters (shown on screen)", "Not used
 * yet · expires in 3 days", "Changed by the user at …". Pure: `now` is given.
 */
import type { OpenTemporaryPasswordState, TemporaryPasswordIssuer, TemporaryPasswordView } from '../../../main/domain/temporary-passwords';
import { formatTime } from '../../format';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const issuerName = (by: TemporaryPasswordIssuer): string => by.displayName ?? by.upn;

export function deliveryText(deliveredTo: string): string {
  return deliveredTo === 'screen' ? 'shown on screen' : `sent to ${deliveredTo}`;
}

/** "expires in 3 days", "expires in 5 hours", "expired" — or "never expires". */
export function expiryText(expiresAt: string | null, now: number): string {
  if (expiresAt === null) return 'never expires';
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return `expired ${formatTime(expiresAt)}`;
  if (left >= DAY) {
    const days = Math.floor(left / DAY);
    return `expires in ${days} day${days === 1 ? '' : 's'}`;
  }
  const hours = Math.max(1, Math.floor(left / HOUR));
  return `expires in ${hours} hour${hours === 1 ? '' : 's'}`;
}

const DIRECTORY_NAMES: Record<TemporaryPasswordView['directory'], string> = { embedded: 'the embedded directory', ad: 'Active Directory', openldap: 'OpenLDAP' };

export function issuedText(life: TemporaryPasswordView): string {
  return `Issued ${formatTime(life.issuedAt)} by ${issuerName(life.issuedBy)} (${deliveryText(life.deliveredTo)})`;
}

/** Where the password is now, one line. */
export function stateText(life: TemporaryPasswordView, now: number): string {
  const firstUse = life.firstUseReported ? null : `First use: not reported by ${DIRECTORY_NAMES[life.directory]}`;
  switch (life.state) {
    case 'changed':
      return `Changed by the user at ${formatTime(life.changedAt)}`;
    case 'superseded':
      return `Replaced by a newer reset at ${formatTime(life.supersededAt)}`;
    case 'expired':
      return `Expired ${formatTime(life.expiresAt)} before the user changed it: reset again`;
    case 'used':
      return `First used to sign in at ${formatTime(life.firstUsedAt)} · not changed yet · ${expiryText(life.expiresAt, now)}`;
    case 'outstanding':
      return `${firstUse ?? 'Not used yet'} · ${expiryText(life.expiresAt, now)}`;
  }
}

export const OPEN_STATE_TEXT: Record<OpenTemporaryPasswordState, string> = {
  outstanding: 'Not used yet',
  used: 'Used, not changed',
  expired: 'Expired, not changed',
};

/**
 * A follow-up row's state in words. Where the directory does not report first
 * use (DirectoryCapabilities.reportsFirstUse: AD, OpenLDAP) an outstanding one
 * may have been used: it is only "not changed yet".
 */
export function openStateText(state: OpenTemporaryPasswordState, firstUseReported: boolean): string {
  return state === 'outstanding' && !firstUseReported ? 'Not changed yet' : OPEN_STATE_TEXT[state];
}

export function ageText(days: number): string {
  if (days === 0) return 'Today';
  return days === 1 ? '1 day' : `${days} days`;
}
