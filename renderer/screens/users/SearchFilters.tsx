/**
 * The state filters beside the search box, as Entra's "All users" has them:
 * one toggle button each (aria-pressed tells a screen reader whether it is
 * on), reached with Tab like any button. Cloud and Synced are one choice: at
 * most one of them is on. Every filter on must hold, together with the text.
 */
import { makeStyles, ToggleButton, tokens } from '@fluentui/react-components';
import type { FilterSource, FlagFilter, UserFilter } from '../../../main/domain/user-filter';

const FLAGS: { key: FlagFilter; label: string }[] = [
  { key: 'locked', label: 'Locked out' },
  { key: 'disabled', label: 'Disabled' },
  { key: 'guests', label: 'Guests' },
  { key: 'admins', label: 'Admin roles' },
  { key: 'temporaryPassword', label: 'Temporary password' },
];

const SOURCES: { key: FilterSource; label: string }[] = [
  { key: 'cloud', label: 'Cloud' },
  { key: 'onPremises', label: 'Synced' },
];

/** The filters on, in words, for the count line ("Locked out, Admin roles"). */
export function filterWords(filter: UserFilter): string {
  const on = [
    ...FLAGS.filter((f) => filter[f.key]).map((f) => f.label),
    ...SOURCES.filter((s) => filter.source === s.key).map((s) => s.label),
  ];
  return on.join(', ');
}

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function SearchFilters({ filter, onChange }: { filter: UserFilter; onChange(change: UserFilter): void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label="Filter users" className={styles.group}>
      {FLAGS.map(({ key, label }) => (
        <ToggleButton key={key} size="small" shape="circular" checked={filter[key] === true} onClick={() => onChange({ [key]: !filter[key] })}>
          {label}
        </ToggleButton>
      ))}
      {SOURCES.map(({ key, label }) => (
        <ToggleButton
          key={key}
          size="small"
          shape="circular"
          checked={filter.source === key}
          onClick={() => onChange({ source: filter.source === key ? undefined : key })}
        >
          {label}
        </ToggleButton>
      ))}
    </div>
  );
}
