/** The badges that flag a user at a glance (the list and the pane), as data: text first, colour for emphasis. */
import type { UserSummary } from '../../../main/domain/types';
import { isLocked } from '../../format';

export interface UserBadge {
  label: string;
  /** One of Fluent UI Badge's colours (named here, so this file needs no UI types). */
  color: 'danger' | 'severe' | 'informative' | 'brand' | 'important' | 'warning';
}

/** `synced`: the directory's on-premises users are synced copies (DirectoryCapabilities.syncedFromOnPremises: the embedded one); in AD or OpenLDAP itself they are not. */
export function userBadges(user: UserSummary, now = Date.now(), synced = true): UserBadge[] {
  const badges: UserBadge[] = [];
  if (isLocked(user, now)) badges.push({ label: 'Locked', color: 'danger' });
  if (!user.enabled) badges.push({ label: 'Disabled', color: 'severe' });
  if (user.userType === 'guest') badges.push({ label: 'Guest', color: 'informative' });
  if (synced && user.source === 'onPremises') badges.push({ label: 'Synced', color: 'brand' });
  // AdminCount=1: Active Directory protects the account, so no admin reset goes through.
  if (user.adminCount === 1) badges.push({ label: 'Protected', color: 'important' });
  if (user.domainType === 'federated') badges.push({ label: 'Federated', color: 'warning' });
  if (user.source === 'externalAzureAD') badges.push({ label: 'External', color: 'warning' });
  for (const role of user.roles) badges.push({ label: role, color: 'important' });
  return badges;
}
