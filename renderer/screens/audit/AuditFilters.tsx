/**
 * Filters for the audit log, applied as they change: typing a part of a UPN
 * narrows the list after a short pause (the store debounces), choosing an
 * action at once. No Apply button.
 */
import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { AUDIT_ACTIONS } from '../../../main/domain/types';
import type { AuditAction } from '../../../main/domain/types';
import type { AuditFilters as Filters } from '../../stores/audit';
import { ACTION_WORDS } from './describe';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  text: { width: '18rem' },
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
      <Field label="Action">
        <Select value={filters.action} onChange={(_, d) => onChange({ action: isAction(d.value) ? d.value : '' })}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_WORDS[action].name}
            </option>
          ))}
        </Select>
      </Field>
    </form>
  );
}
