/** The agent's sign-in: UPN (prefilled after a lock or sign-out) and password. */
import { Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import { SubmitButton } from '../../components/SubmitButton';
import type { UiErrorView } from '../../stores/call';

interface Props {
  initialUpn: string;
  notice: UiErrorView | null;
  error: UiErrorView | null;
  busy: boolean;
  onSignIn(upn: string, password: string): void;
}

export function SignInForm({ initialUpn, notice, error, busy, onSignIn }: Props) {
  const styles = useCenteredPageStyles();
  const [upn, setUpn] = useState(initialUpn);
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || upn.trim() === '' || password === '') return;
    onSignIn(upn, password);
    // The password does not stay in the page once sent.
    setPassword('');
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {notice && (
        <MessageBar intent="info" aria-labelledby={undefined}>
          <MessageBarBody>{notice.message}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="User principal name">
        <Input
          required
          value={upn}
          onChange={(_, data) => setUpn(data.value)}
          autoComplete="username"
          spellCheck={false}
          autoFocus={initialUpn === ''}
        />
      </Field>
      <Field label="Password">
        <Input
          required
          type="password"
          value={password}
          onChange={(_, data) => setPassword(data.value)}
          autoComplete="current-password"
          autoFocus={initialUpn !== ''}
        />
      </Field>
      <ErrorBar error={error} />
      <div className={styles.actions}>
        <SubmitButton busy={busy}>
          Sign in
        </SubmitButton>
      </div>
    </form>
  );
}
