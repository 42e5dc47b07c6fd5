/**
 * The forced change at sign-in (the agent's own password was reset or is new):
 * current password, new one with the live policy check, and a confirmation.
 * No session exists yet, so the check uses Entra's default policy; main checks
 * the tenant's policy again when it receives the change.
 */
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { DEFAULT_PASSWORD_POLICY } from '../../../main/domain/types';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import { PolicyChecklist, policyPasses } from '../../components/PolicyChecklist';
import { SubmitButton } from '../../components/SubmitButton';
import type { UiErrorView } from '../../stores/call';
import { BannedPasswordCheck, useBannedPasswordCheck } from '../../components/BannedPasswordCheck';

interface Props {
  upn: string;
  error: UiErrorView | null;
  busy: boolean;
  onChange(currentPassword: string, newPassword: string): void;
  onCancel(): void;
}

export function ChangePasswordForm({ upn, error, busy, onChange, onCancel }: Props) {
  const styles = useCenteredPageStyles();
  const checklistId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');

  const bannedId = useId();
  // Main checks the new password against the banned lists as it is typed (allowed for this UPN only, until the change).
  const banned = useBannedPasswordCheck({ upn }, next, DEFAULT_PASSWORD_POLICY);
  const mismatch = confirm !== '' && confirm !== next;
  const ready =
    current !== '' &&
    policyPasses(next, DEFAULT_PASSWORD_POLICY, current) &&
    (banned.passed || banned.error !== null) &&
    confirm === next;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    onChange(current, next);
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {/* For password managers: which account this change is for (not shown, not sent). */}
      <input type="text" name="username" autoComplete="username" value={upn} readOnly hidden />
      <Text>
        You must change the password of <strong>{upn}</strong> before you can continue.
      </Text>
      <Field label="Current password">
        <Input required type="password" value={current} onChange={(_, d) => setCurrent(d.value)} autoComplete="current-password" autoFocus />
      </Field>
      <Field label="New password">
        <Input
          required
          type="password"
          value={next}
          onChange={(_, d) => setNext(d.value)}
          autoComplete="new-password"
          aria-describedby={`${checklistId} ${bannedId}`}
        />
      </Field>
      <PolicyChecklist id={checklistId} password={next} policy={DEFAULT_PASSWORD_POLICY} previous={current} />
      <BannedPasswordCheck id={bannedId} password={next} state={banned} />
      <Field
        label="Confirm new password"
        validationMessage={mismatch ? "The passwords don't match." : null}
      >
        <Input required type="password" value={confirm} onChange={(_, d) => setConfirm(d.value)} autoComplete="new-password" />
      </Field>
      <ErrorBar error={error} />
      <div className={styles.actions}>
        <SubmitButton busy={busy} disabled={!ready}>
          Change password and sign in
        </SubmitButton>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
