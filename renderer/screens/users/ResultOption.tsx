/**
 * One row of the search results: the name, the UPN and department, the mail
 * when it is why the row matched, and the badges. Each field keeps to one
 * line: a long one ends in an ellipsis (never broken mid-word) with the whole
 * value in its tooltip; the option's accessible name is its whole text.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { UserSummary } from '../../../main/domain/types';
import { UserBadges } from './badges';
import { hasMatch } from './highlight';
import { Highlighted } from './Highlighted';

export const optionId = (user: UserSummary) => `user-option-${user.id}`;

const useStyles = makeStyles({
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    boxSizing: 'border-box',
    minWidth: 0,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  // One line a field: a value longer than the row ends in an ellipsis, whole in the tooltip.
  line: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  placeholder: { color: tokens.colorNeutralForeground3, cursor: 'default' },
});

export interface OptionPlace {
  index: number;
  /** The list's size for aria-setsize; -1 when main stopped counting. */
  setSize: number;
  /** Where the virtual list puts the row. */
  style: React.CSSProperties;
  measure(element: HTMLLIElement | null): void;
}

interface Props extends OptionPlace {
  user: UserSummary;
  terms: string[];
  active: boolean;
  selected: boolean;
  onSelect(): void;
  onHover(): void;
}

export function ResultOption({ user, terms, active, selected, index, setSize, style, measure, onSelect, onHover }: Props) {
  const styles = useStyles();
  const secondary = user.department ? `${user.upn} · ${user.department}` : user.upn;
  // The mail only when it differs from the UPN and is why the row matched.
  const mail = user.mail && user.mail.toLowerCase() !== user.upn.toLowerCase() && hasMatch(user.mail, terms) ? user.mail : null;
  return (
    <li
      ref={measure}
      data-index={index}
      id={optionId(user)}
      role="option"
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={mergeClasses(styles.option, selected && styles.selected, active && styles.active)}
      style={style}
      onClick={onSelect}
      onMouseMove={() => !active && onHover()}
    >
      <span className={mergeClasses(styles.line, styles.name)} title={user.displayName}>
        <Highlighted text={user.displayName} terms={terms} />
      </span>
      <span className={mergeClasses(styles.line, styles.secondary)} title={secondary}>
        <Highlighted text={user.upn} terms={terms} />
        {user.department ? ` · ${user.department}` : ''}
      </span>
      {mail && (
        <span className={mergeClasses(styles.line, styles.secondary)} title={mail}>
          <Highlighted text={mail} terms={terms} />
        </span>
      )}
      <UserBadges user={user} />
    </li>
  );
}

/** A row not loaded yet: it asks for its page as it comes into view. */
export function PendingOption({ index, setSize, style, measure }: OptionPlace) {
  const styles = useStyles();
  return (
    <li
      ref={measure}
      data-index={index}
      role="option"
      aria-disabled="true"
      aria-selected={false}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={mergeClasses(styles.option, styles.placeholder)}
      style={style}
    >
      Loading more users…
    </li>
  );
}
