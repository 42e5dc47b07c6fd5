/**
 * The shell's tabs (Users, Audit, Directories): a WAI-ARIA tablist with roving focus (arrows, Home,
 * End), styled like Fluent's TabList. Fluent's own TabList inserts focusable
 * aria-hidden helper elements (Tabster "dummy inputs") that axe reports as a
 * serious aria-hidden-focus violation, so the tabs are drawn here instead.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';

export interface NavTab<T extends string> {
  value: T;
  label: string;
  id: string;
  panelId: string;
}

const useStyles = makeStyles({
  // Wraps rather than push the page sideways when the window is too narrow for every tab.
  list: { display: 'flex', flexWrap: 'wrap', alignSelf: 'stretch', gap: tokens.spacingHorizontalXS },
  tab: {
    position: 'relative',
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    padding: `0 ${tokens.spacingHorizontalM}`,
    // The header's height when the tabs share its line, and as tall on a line of their own.
    minHeight: '44px',
    whiteSpace: 'nowrap',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-4px' },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalM,
      right: tokens.spacingHorizontalM,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

interface Props<T extends string> {
  label: string;
  tabs: NavTab<T>[];
  selected: T;
  onSelect(value: T): void;
}

export function NavTabs<T extends string>({ label, tabs, selected, onSelect }: Props<T>) {
  const styles = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.value);
    refs.current.get(tab.value)?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {tabs.map((tab, index) => {
        const isSelected = tab.value === selected;
        return (
          <button
            key={tab.value}
            ref={(el) => {
              if (el) refs.current.set(tab.value, el);
              else refs.current.delete(tab.value);
            }}
            type="button"
            role="tab"
            id={tab.id}
            aria-selected={isSelected}
            aria-controls={isSelected ? tab.panelId : undefined}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(tab.value)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
