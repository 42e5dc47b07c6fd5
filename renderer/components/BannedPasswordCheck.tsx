/**
 * Under a new-password field: main's banned-password verdict as it is typed
 * (the tenant's words, the user's name, common passwords), with the reason.
 * The policy's own rules are ticked by PolicyChecklist beside it, so the
 * policy sentences main also returns are left out here. The hook tells the
 * form whether the value may be submitted.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { checkPasswordPolicy } from '../../main/domain/password-policy';
import type { PasswordPolicySettings } from '../../main/domain/types';
import { usePasswordCheck, type CheckSubject } from '../stores/passwordCheck';

const useStyles = makeStyles({
  box: { fontSize: tokens.fontSizeBase200, minHeight: '1.4em' },
  refused: { color: tokens.colorPaletteRedForeground1 },
  passed: { color: tokens.colorPaletteGreenForeground1 },
  waiting: { color: tokens.colorNeutralForeground2 },
});

/** Asks main about every new value (after the store's pause); forgets the answer when the field goes. */
export function useBannedPasswordCheck(subject: CheckSubject, password: string, policy: PasswordPolicySettings) {
  const { check, reset, pending, answered, latest, problems, error } = usePasswordCheck();
  const key = 'userId' in subject ? `id:${subject.userId}` : `upn:${subject.upn}`;
  useEffect(() => {
    check(subject, password);
  }, [key, password, check]);
  useEffect(() => reset, [reset]);
  const policyMessages = new Set(checkPasswordPolicy(password, policy).map((v) => v.message));
  const current = !pending && answered === latest;
  const banned = current ? problems.filter((p) => !policyMessages.has(p)) : [];
  return {
    /** True once main answered for this very value and found no banned term. */
    passed: password !== '' && current && error === null && banned.length === 0,
    pending: password !== '' && !current,
    banned,
    error,
  };
}

interface Props {
  id?: string;
  password: string;
  state: ReturnType<typeof useBannedPasswordCheck>;
}

export function BannedPasswordCheck({ id, password, state }: Props) {
  const styles = useStyles();
  let content: { className: string; text: string } | null;
  if (password === '') content = null;
  else if (state.pending) content = { className: styles.waiting, text: 'Checking against banned passwords…' };
  else if (state.error) content = { className: styles.refused, text: `Could not check against banned passwords: ${state.error.message}` };
  else if (state.banned.length > 0) content = { className: styles.refused, text: `Refused: ${state.banned.join(' ')}` };
  else content = { className: styles.passed, text: '✓ Not a banned or easily guessed password.' };
  return (
    <div id={id} className={styles.box} role="status" aria-live="polite" data-testid="banned-password-check">
      {content ? <span className={content.className}>{content.text}</span> : null}
    </div>
  );
}
