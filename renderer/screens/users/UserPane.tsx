/**
 * The selected user: who they are, what main's preflight says about resetting
 * them (shown before any click, linked to the disabled button), unlock, the
 * facts, how to reach them and their recent audit.
 */
import {
  Button,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { NoticeResult, UserDetails } from '../../../main/ipc/contract';
import { DeliveryResults } from '../reset/DeliveryResults';
import { ErrorBar } from '../../components/ErrorBar';
import { useFactListStyles } from '../../components/layout';
import { LongText } from '../../components/LongText';
import { isLocked } from '../../format';
import type { UiErrorView } from '../../stores/call';
import type { UnlockOutcome } from '../../stores/selectedUser';
import { UserBadges } from './badges';
import { ContactDetails } from './ContactDetails';
import { RecentActivity } from './RecentActivity';
import { UserFacts } from './UserFacts';
import { TemporaryPasswordSection } from './TemporaryPasswordSection';
import { VerifyCallerPanel } from './verification/VerifyCallerPanel';
import { UnlockButton, UnlockStatus } from './Unlock';
import { requirementLine } from './verification/words';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { ...typographyStyles.title3, margin: 0 },
  subheading: { ...typographyStyles.subtitle2, margin: 0 },
  secondary: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

interface Props {
  details: UserDetails;
  unlocking: boolean;
  unlockOutcome: UnlockOutcome | null;
  /** false: the unlocked account is disabled, and stays so. */
  unlockAccountEnabled: boolean;
  unlockNotices: readonly NoticeResult[];
  unlockError: UiErrorView | null;
  refreshing: boolean;
  onReset(): void;
  onUnlock(): void;
}

export function UserPane({ details, unlocking, unlockOutcome, unlockAccountEnabled, unlockNotices, unlockError, refreshing, onReset, onUnlock }: Props) {
  const styles = useStyles();
  const facts = useFactListStyles();
  const refusalId = useId();
  const { user, preflight, recentAudit } = details;
  const locked = isLocked(user);
  const subtitle = [user.jobTitle, user.department].filter(Boolean).join(' · ');

  return (
    // The pane is the container its fact lists measure: at the window's minimum size they stack.
    <section aria-label="User details" className={mergeClasses(styles.pane, facts.container)} aria-busy={refreshing}>
      <div className={styles.block}>
        <h2 className={styles.heading}>
          <LongText text={user.displayName} />
        </h2>
        {subtitle && (
          <Text className={styles.secondary}>
            <LongText text={subtitle} />
          </Text>
        )}
        <UserBadges user={user} />
      </div>

      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={!preflight.allowed}
          aria-describedby={preflight.allowed ? undefined : refusalId}
          onClick={onReset}
        >
          Reset password
        </Button>
        <UnlockButton user={user} preflight={preflight} locked={locked} unlocking={unlocking} refusalId={refusalId} onUnlock={onUnlock} />
      </div>

      {!preflight.allowed && (
        <MessageBar intent="warning" layout="multiline">
          {/* The body, not the bar, describes the button: the bar's own name is only its title. */}
          <MessageBarBody id={refusalId}>
            <MessageBarTitle>
              {preflight.code === 'CALLER_NOT_VERIFIED' && preflight.verification
                ? requirementLine(preflight.verification)
                : locked
                  ? "You can't reset this password or unlock this account."
                  : "You can't reset this password."}
            </MessageBarTitle>{' '}
            {preflight.message}
          </MessageBarBody>
        </MessageBar>
      )}
      <UnlockStatus outcome={unlockOutcome} accountEnabled={unlockAccountEnabled} />
      {unlockOutcome && <DeliveryResults results={unlockNotices} />}
      <ErrorBar error={unlockError} />

      <VerifyCallerPanel user={user} status={preflight.verification} methods={details.verificationMethods} />

      <TemporaryPasswordSection life={details.temporaryPassword} />

      <UserFacts user={user} />

      <ContactDetails methods={user.contactMethods} withheld={details.verificationMethods?.withheld} />

      <div className={styles.block}>
        <h3 className={styles.subheading}>Recent activity</h3>
        <RecentActivity events={recentAudit} />
      </div>
    </section>
  );
}
