/**
 * The temporary password, large and monospaced, in groups of four. The gaps
 * between groups are CSS margins, not characters, so the element's text is
 * exactly the password (what a copy by hand or a test reads).
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  label: { fontWeight: tokens.fontWeightSemibold },
  password: {
    display: 'flex',
    flexWrap: 'wrap',
    rowGap: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    // Typed passwords may contain spaces: keep them visible.
    whiteSpace: 'pre',
  },
  group: { marginRight: '0.6em', ':last-child': { marginRight: 0 } },
});

export function TemporaryPassword({ groups }: { groups: string[] }) {
  const styles = useStyles();
  const labelId = useId();
  return (
    <div>
      <div id={labelId} className={styles.label}>
        Temporary password
      </div>
      <div role="group" aria-labelledby={labelId} className={styles.password}>
        {groups.map((group, i) => (
          <span key={i} className={styles.group}>
            {group}
          </span>
        ))}
      </div>
    </div>
  );
}
