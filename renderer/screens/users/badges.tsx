/**
 * The badges that flag a user at a glance, in the list and in the pane. Each
 * is text (colour only adds emphasis), so it reads the same to everyone.
 */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { UserSummary } from '../../../main/domain/types';
import { useSetup } from '../../stores/setup';

export { userBadges, type UserBadge } from './user-badges';
import { userBadges } from './user-badges';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function UserBadges({ user }: { user: UserSummary }) {
  const styles = useStyles();
  // Before a directory is open nothing is listed; the Entra-like default costs nothing.
  const synced = useSetup((s) => s.appState?.directoryCapabilities?.syncedFromOnPremises ?? true);
  const badges = userBadges(user, Date.now(), synced);
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
