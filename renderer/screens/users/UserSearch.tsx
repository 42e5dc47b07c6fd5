/**
 * The search box and its results, as a listbox driven from the search box:
 * the focus stays in the box while ArrowUp/ArrowDown/Home/End move the active
 * option (aria-activedescendant) and Enter opens it. The listbox itself is also
 * focusable and answers the same keys, for agents who Tab into it.
 */
import { Field, Input, makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { SearchTotal } from '../../../main/domain/types';
import type { UserSummary } from '../../../main/domain/types';
import { ErrorBar } from '../../components/ErrorBar';
import type { UiErrorView } from '../../stores/call';
import { UserBadges } from './badges';
import { hasMatch, queryTerms } from './highlight';
import { Highlighted } from './Highlighted';
import { matchCountText } from './matchCount';

const LISTBOX_ID = 'user-search-results';
const SHORTCUT_HINT = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Press ⌘K to search from anywhere.' : 'Press Ctrl+K to search from anywhere.';
const optionId = (user: UserSummary) => `user-option-${user.id}`;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0, flexGrow: 1 },
  listbox: {
    margin: 0,
    padding: tokens.spacingVerticalXXS,
    listStyleType: 'none',
    overflowY: 'auto',
    minHeight: 0,
    flexShrink: 1,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  name: { fontWeight: tokens.fontWeightSemibold },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  status: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  query: string;
  results: UserSummary[];
  /** How many match in all, for the answered query. */
  total: SearchTotal | null;
  answeredQuery: string | null;
  activeIndex: number;
  loading: boolean;
  error: UiErrorView | null;
  selectedId: string | null;
  /** Bumped by Ctrl+K: focus the box. */
  focusRequest: number;
  onQuery(query: string): void;
  onMove(to: 'next' | 'previous' | 'first' | 'last'): void;
  onActive(index: number): void;
  onSelect(user: UserSummary): void;
}

export function UserSearch(props: Props) {
  const { query, results, total, answeredQuery, activeIndex, loading, error, selectedId, focusRequest } = props;
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  // Only the answer to what is typed now: older results would be misleading while the new ones load.
  const current = answeredQuery !== null && answeredQuery === query.trim();
  const shown = current ? results : [];
  const active = shown[activeIndex];
  const terms = current ? queryTerms(answeredQuery) : [];

  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (active) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    const moves: Record<string, 'next' | 'previous' | 'first' | 'last'> = {
      ArrowDown: 'next',
      ArrowUp: 'previous',
      Home: 'first',
      End: 'last',
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      props.onMove(move);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = active ?? shown[0];
      if (chosen) props.onSelect(chosen);
    }
  };

  const showList = shown.length > 0;
  const noMatch = !loading && !error && current && shown.length === 0;

  return (
    <div className={styles.root}>
      <Field label="Search users" hint={SHORTCUT_HINT}>
        <Input
          ref={inputRef}
          type="search"
          value={query}
          placeholder="Name, UPN, department or phone"
          onChange={(_, data) => props.onQuery(data.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-controls={showList ? LISTBOX_ID : undefined}
          aria-activedescendant={active ? optionId(active) : undefined}
        />
      </Field>
      <ErrorBar error={error} />
      <Text role="status" className={styles.status} size={200}>
        {loading ? (
          <Spinner size="extra-tiny" label="Searching" labelPosition="after" />
        ) : noMatch ? (
          'No users match'
        ) : showList && total ? (
          matchCountText(shown.length, total)
        ) : (
          ''
        )}
      </Text>
      {showList && (
        <ul
          id={LISTBOX_ID}
          role="listbox"
          aria-label="Search results"
          tabIndex={0}
          className={styles.listbox}
          onKeyDown={onKeyDown}
          aria-activedescendant={active ? optionId(active) : undefined}
        >
          {shown.map((user, index) => (
            <li
              key={user.id}
              id={optionId(user)}
              role="option"
              aria-selected={user.id === selectedId}
              className={mergeClasses(
                styles.option,
                user.id === selectedId && styles.selected,
                index === activeIndex && styles.active,
              )}
              onClick={() => props.onSelect(user)}
              onMouseMove={() => index !== activeIndex && props.onActive(index)}
            >
              <span className={styles.name}>
                <Highlighted text={user.displayName} terms={terms} />
              </span>
              <span className={styles.secondary}>
                <Highlighted text={user.upn} terms={terms} />
                {user.department ? ` · ${user.department}` : ''}
              </span>
              {/* The mail only when it differs from the UPN and is why the row matched. */}
              {user.mail && user.mail.toLowerCase() !== user.upn.toLowerCase() && hasMatch(user.mail, terms) && (
                <span className={styles.secondary}>
                  <Highlighted text={user.mail} terms={terms} />
                </span>
              )}
              <UserBadges user={user} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
