/**
 * Filters for the audit log, applied as they change: typing a part of a UPN
 * narrows the list after a short pause (the store debounces), choosing an
 * action or a day at once. No Apply button. From and To are days of this
 * window's time zone, both included (the store sends main their first and
 * last moment).
 */
import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { AUDIT_ACTIONS } from '../../../main/domain/types';
import type { AuditAction } from '../../../main/domain/types';
import type { AuditFilters as Filters } from '../../stores/audit';
import { ACTION_WORDS } from '../../../main/domain/audit-words';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  // The UPN boxes share what is left of the row; narrower, the filters wrap onto a second row.
  text: { flex: '1 1 12rem', maxWidth: '18rem', minWidth: 0 },
  action: { flex: '0 1 14rem', minWidth: '10rem', gridTemplateColumns: 'minmax(0, 1fr)' },
  // The list is as wide as its field, not as its longest choice ("Directory connection change").
  select: { width: '100%', minWidth: 0 },
  date: { flex: '0 1 10rem', minWidth: '9rem' },
});

const isAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

interface Props {
  filters: Filters;
  onChange(change: Partial<Filters>): void;
}

export function AuditFilters({ filters, onChange }: Props) {
  const styles = useStyles();
  return (
    <form className={styles.form} onSubmit={(event) => event.preventDefault()} noValidate aria-label="Audit filters">
      <Field label="Target" hint="Any part of the user's UPN" className={styles.text}>
        <Input
          type="search"
          value={filters.target}
          onChange={(_, d) => onChange({ target: d.value })}
          placeholder="adele or @contoso.com"
          spellCheck={false}
        />
      </Field>
      <Field label="Agent" hint="Any part of the agent's UPN" className={styles.text}>
        <Input
          type="search"
          value={filters.agent}
          onChange={(_, d) => onChange({ agent: d.value })}
          placeholder="helpdesk"
          spellCheck={false}
        />
      </Field>
      <Field label="Action" className={styles.action}>
        <Select className={styles.select} select={{ className: styles.select }} value={filters.action} onChange={(_, d) => onChange({ action: isAction(d.value) ? d.value : '' })}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_WORDS[action].name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From" className={styles.date}>
        <Input type="date" value={filters.from} max={filters.to || undefined} onChange={(_, d) => onChange({ from: d.value })} />
      </Field>
      <Field label="To" className={styles.date}>
        <Input type="date" value={filters.to} min={filters.from || undefined} onChange={(_, d) => onChange({ to: d.value })} />
      </Field>
    </form>
  );
}
