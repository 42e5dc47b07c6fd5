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

interface UpnFilterProps {
  label: string;
  placeholder: string;
  value: string;
  /** The text is not a full UPN, so the store does not send it: say so. */
  ignored: boolean;
  onChange(value: string): void;
}

function UpnFilter({ label, placeholder, value, ignored, onChange }: UpnFilterProps) {
  const styles = useStyles();
  return (
    <Field
      label={label}
      className={styles.text}
      validationState={ignored ? 'warning' : 'none'}
      validationMessage={ignored ? NOT_A_UPN : undefined}
    >
      <Input value={value} onChange={(_, d) => onChange(d.value)} placeholder={placeholder} spellCheck={false} />
    </Field>
  );
}

export function AuditFilters({ draft, ignored, loading, onDraft, onApply }: Props) {
  const styles = useStyles();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Audit filters">
      <UpnFilter
        label="Target"
        placeholder="user@contoso.com"
        value={draft.target}
        ignored={ignored.target}
        onChange={(target) => onDraft({ target })}
      />
      <UpnFilter
        label="Agent"
        placeholder="agent@contoso.com"
        value={draft.agent}
        ignored={ignored.agent}
        onChange={(agent) => onDraft({ agent })}
      />
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
