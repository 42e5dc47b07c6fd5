/**
 * Before the reset: what will happen (generated password, or the agent types
 * one for an on-premises user, checked live against the tenant's policy;
 * "Generate" asks main for one that meets it), whether the user must change it
 * at next sign-in, and the confirm button.
 */
import {
  Button,
  DialogActions,
  DialogContent,
  Field,
  Input,
  makeStyles,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { PolicyChecklist, policyPasses } from '../../components/PolicyChecklist';
import { SubmitButton } from '../../components/SubmitButton';
import type { UiErrorView } from '../../stores/call';
import type { AllowedPreflight } from '../../stores/resetFlow';
import type { PasswordDestination } from '../../../main/ipc/contract';
import { PasswordDestinationChoice } from './PasswordDestinationChoice';
import type { RegisteredChannels } from './delivery-words';
import { BannedPasswordCheck, useBannedPasswordCheck } from '../../components/BannedPasswordCheck';
import { UnverifiedWarning } from '../users/verification/UnverifiedWarning';

const useStyles = makeStyles({
  // The form only groups the fields for Enter-to-submit; DialogBody's grid lays out its children.
  form: { display: 'contents' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

interface Props {
  /** The target: a typed password is checked live against the banned lists for this user (their names count). */
  userId: string;
  preflight: AllowedPreflight;
  forceChange: boolean;
  busy: boolean;
  suggesting: boolean;
  error: UiErrorView | null;
  /** Where the user's registered methods let main send the password instead of showing it. */
  channels: RegisteredChannels;
  deliverTo: PasswordDestination;
  onDeliverTo(value: PasswordDestination): void;
  onForceChange(value: boolean): void;
  /** Resolves to main's suggestion, or null when there is none to use. */
  onSuggest(): Promise<string | null>;
  onConfirm(password?: string): void;
  onCancel(): void;
}

export function ResetForm(props: Props) {
  const { preflight, forceChange, busy, suggesting, error, onForceChange, onSuggest, onConfirm, onCancel } = props;
  const styles = useStyles();
  const checklistId = useId();
  // The typed password stays in this form only; it leaves with the dialog.
  const [password, setPassword] = useState('');
  // The suggestion last filled in: the note about it holds until the agent edits it.
  const [suggested, setSuggested] = useState<string | null>(null);
  const typed = preflight.passwordMode === 'typed';
  const bannedId = useId();
  const banned = useBannedPasswordCheck({ userId: props.userId }, typed ? password : '', preflight.policy);
  // Main's live answer must be in for this very value (if main could not answer, main decides on submit).
  const ready = !typed || (policyPasses(password, preflight.policy) && (banned.passed || banned.error !== null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    onConfirm(typed ? password : undefined);
  };

  const generate = async () => {
    const suggestion = await onSuggest();
    if (suggestion === null) return;
    setPassword(suggestion);
    setSuggested(suggestion);
  };

  return (
    <form onSubmit={submit} noValidate className={styles.form}>
      <DialogContent className={styles.content}>
        {typed ? (
          <>
            <Text>This user&apos;s password is managed on-premises: type the new temporary password, or generate one.</Text>
            <Field label="New password" hint={preflight.policySummary}>
              <Input
                required
                type="password"
                value={password}
                onChange={(_, d) => setPassword(d.value)}
                autoComplete="new-password"
                aria-describedby={`${checklistId} ${bannedId}`}
                autoFocus
                contentAfter={
                  <Button
                    type="button"
                    appearance="subtle"
                    size="small"
                    disabledFocusable={suggesting || busy}
                    icon={suggesting ? <Spinner size="extra-tiny" /> : undefined}
                    onClick={() => void generate()}
                  >
                    Generate
                  </Button>
                }
              />
            </Field>
            <PolicyChecklist id={checklistId} password={password} policy={preflight.policy} />
            <BannedPasswordCheck id={bannedId} password={password} state={banned} />
            {/* The field stays masked; the result shows the password grouped and spelled out. */}
            <Text role="status" size={200}>
              {suggested !== null && suggested === password
                ? 'Generated a password that meets the policy. Keep it or edit it; it is shown in full after the reset.'
                : ''}
            </Text>
          </>
        ) : (
          <Text>A temporary password will be generated.</Text>
        )}
        <UnverifiedWarning status={preflight.verification} />
        <PasswordDestinationChoice channels={props.channels} value={props.deliverTo} disabled={busy} onChange={props.onDeliverTo} />
        <Switch
          label="Require change at next sign-in"
          checked={forceChange}
          onChange={(_, d) => onForceChange(d.checked)}
        />
        <ErrorBar error={error} />
      </DialogContent>
      <DialogActions>
        <SubmitButton busy={busy} disabled={!ready}>
          Reset password
        </SubmitButton>
        <Button onClick={onCancel}>Cancel</Button>
      </DialogActions>
    </form>
  );
}
