/**
 * The user pane's "Temporary password": the latest one issued through the
 * app, through its life (issued when, by whom and how it was delivered; used;
 * changed by the user; expired; or replaced by a newer reset). Named as a
 * region so the e2e tests and screen readers find it by its heading.
 */
import { Badge, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId } from 'react';
import type { TemporaryPasswordState, TemporaryPasswordView } from '../../../main/domain/temporary-passwords';
import { issuedText, stateText } from '../temporary-passwords/life-text';

const useStyles = makeStyles({
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  subheading: { ...typographyStyles.subtitle2, margin: 0 },
  secondary: { color: tokens.colorNeutralForeground2 },
});

const BADGE: Record<TemporaryPasswordState, { label: string; color: 'informative' | 'warning' | 'success' | 'danger' | 'subtle' }> = {
  outstanding: { label: 'Not changed yet', color: 'warning' },
  used: { label: 'Used, not changed', color: 'warning' },
  changed: { label: 'Changed by the user', color: 'success' },
  expired: { label: 'Expired', color: 'danger' },
  superseded: { label: 'Superseded', color: 'subtle' },
};

export function TemporaryPasswordSection({ life, now = Date.now() }: { life: TemporaryPasswordView | null; now?: number }) {
  const styles = useStyles();
  const headingId = useId();
  if (!life) return null;
  const badge = BADGE[life.state];
  return (
    <section aria-labelledby={headingId} className={styles.block}>
      <div className={styles.title}>
        <h3 id={headingId} className={styles.subheading}>
          Temporary password
        </h3>
        <Badge appearance="tint" color={badge.color}>
          {badge.label}
        </Badge>
      </div>
      <Text>{issuedText(life)}</Text>
      <Text className={styles.secondary}>{stateText(life, now)}</Text>
    </section>
  );
}
