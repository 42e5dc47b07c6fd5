/**
 * Filters for the audit log. Text filters apply on Enter or "Apply filters";
 * the action applies as soon as it is chosen. A text filter that is not a full
 * UPN is not sent (main matches whole UPNs only) and the field says so.
 */
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../main/directory/types';
import type { AuditAction } from '../../../main/directory/types';
import type { AuditFilters as Filters } from '../../stores/audit';

const NOT_A_UPN = 'Not applied: enter a full user principal name, such as name@contoso.com.';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  text: { width: '18rem' },
  button: { marginTop: '26px' },
});

const isAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

interface Props {
  draft: Filters;
  ignored: { target: boolean; agent: boolean };
  loading: boolean;
  onDraft(change: Partial<Filters>): void;
  onApply(): void;
}

export function AuditFilters({ draft, ignored, loading, onDraft, onApply }: Props) {
  const styles = useStyles();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Audit filters">
      <Field
        label="Target"
        className={styles.text}
        validationState={ignored.target ? 'warning' : 'none'}
        validationMessage={ignored.target ? NOT_A_UPN : undefined}
      >
        <Input
          value={draft.target}
          onChange={(_, d) => onDraft({ target: d.value })}
          placeholder="user@contoso.com"
          spellCheck={false}
        />
      </Field>
      <Field
        label="Agent"
        className={styles.text}
        validationState={ignored.agent ? 'warning' : 'none'}
        validationMessage={ignored.agent ? NOT_A_UPN : undefined}
      >
        <Input
          value={draft.agent}
          onChange={(_, d) => onDraft({ agent: d.value })}
          placeholder="agent@contoso.com"
          spellCheck={false}
        />
      </Field>
      <Field label="Action">
        <Select
          value={draft.action}
          onChange={(_, d) => {
            onDraft({ action: isAction(d.value) ? d.value : '' });
            onApply();
          }}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" className={styles.button} disabledFocusable={loading}>
        Apply filters
      </Button>
    </form>
  );
}
