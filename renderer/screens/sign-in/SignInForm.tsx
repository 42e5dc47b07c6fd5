/**
 * The agent's sign-in: UPN and password. Two forms:
 *   fresh   (start, sign-out) the UPN is empty and has the focus, so the next
 *           agent's first keys go to their own name, never to someone else's
 *           password box (a failed sign-in counts toward that account's lockout).
 *           Prefilled, focus in Password, only for the agent who was just here
 *           (back from a cancelled password change);
 *   locked  (idle lock) the form is for the agent the lock interrupted: their UPN,
 *           read-only, the focus in Password, and a way out for another agent.
 */
import { Field, Input, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import { SubmitButton } from '../../components/SubmitButton';
import type { UiErrorView } from '../../stores/call';

export const LOCKED_TEXT = 'Locked: enter your password, or sign in as someone else.';

interface Props {
  initialUpn: string;
  /** The idle lock ended the session of `initialUpn`: only their password is asked. */
  locked: boolean;
  notice: UiErrorView | null;
  error: UiErrorView | null;
  busy: boolean;
  onSignIn(upn: string, password: string): void;
  /** Locked form only: give the desk to another agent (an empty form). */
  onSomeoneElse(): void;
}

export function SignInForm({ initialUpn, locked, notice, error, busy, onSignIn, onSomeoneElse }: Props) {
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

  // The lock's own words replace the notice: they say who and what to do.
  const message = locked ? LOCKED_TEXT : notice?.message;

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {message && (
        <MessageBar intent="info" aria-labelledby={undefined}>
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="User principal name">
        <Input
          required
          value={upn}
          onChange={(_, data) => setUpn(data.value)}
          readOnly={locked}
          autoComplete="username"
          spellCheck={false}
          autoFocus={initialUpn === ''}
        />
      </Field>
      {locked && (
        <Link as="button" type="button" onClick={onSomeoneElse}>
          Sign in as someone else
        </Link>
      )}
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
