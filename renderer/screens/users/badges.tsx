/**
 * The badges that flag a user at a glance, in the list and in the pane. Each
 * is text (colour only adds emphasis), so it reads the same to everyone.
 */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { BadgeProps } from '@fluentui/react-components';
import type { UserSummary } from '../../../main/domain/types';
import { isLocked } from '../../format';
import { useSetup } from '../../stores/setup';

export interface UserBadge {
  label: string;
  color: NonNullable<BadgeProps['color']>;
}

/** `synced`: the embedded directory's on-premises users are synced copies; in AD or OpenLDAP itself they are not. */
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

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function UserBadges({ user }: { user: UserSummary }) {
  const styles = useStyles();
  const embedded = useSetup((s) => (s.appState?.directoryKind ?? 'embedded') === 'embedded');
  const badges = userBadges(user, Date.now(), embedded);
  if (badges.length === 0) return null;
  return (
    <span className={styles.row}>
      {badges.map((b) => (
        <Badge key={b.label} appearance="tint" color={b.color} shape="rounded">
          {b.label}
        </Badge>
      ))}
    </span>
  );
}
