/**
 * The typed temporary password of the reset dialog: the field (masked unless
 * the agent shows it), Generate (a password main made for the policy), the
 * policy's rules once, as a live checklist, main's banned-password verdict,
 * and after Generate where the password goes after the reset (the screen, or
 * the user's phone or email, as the agent chose below).
 */
import { Button, Field, Input, makeStyles, Spinner, Text, ToggleButton, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { PasswordPolicySettings } from '../../../main/domain/types';
import type { PasswordDestination } from '../../../main/ipc/contract';
import { BannedPasswordCheck, type useBannedPasswordCheck } from '../../components/BannedPasswordCheck';
import { PolicyChecklist } from '../../components/PolicyChecklist';
import type { RegisteredChannels } from './delivery-words';

const useStyles = makeStyles({
  after: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

/** Where a generated password goes, in the note under the field. */
export function afterResetWords(deliverTo: PasswordDestination, channels: RegisteredChannels): string {
  if (deliverTo === 'screen') return 'it is shown in full after the reset.';
  const by = deliverTo === 'sms' ? `by SMS to ${channels.sms ?? 'the registered phone'}` : `by email to ${channels.email ?? 'the registered address'}`;
  return `after the reset it is sent ${by}, and you will not see it.`;
}

interface Props {
  password: string;
  onPassword(value: string): void;
  policy: PasswordPolicySettings;
  banned: ReturnType<typeof useBannedPasswordCheck>;
  busy: boolean;
  suggesting: boolean;
  /** Resolves to main's suggestion, or null when there is none to use. */
  onSuggest(): Promise<string | null>;
  deliverTo: PasswordDestination;
  channels: RegisteredChannels;
}

export function TypedPassword({ password, onPassword, policy, banned, busy, suggesting, onSuggest, deliverTo, channels }: Props) {
  const styles = useStyles();
  const checklistId = useId();
  const bannedId = useId();
  // Masked by default; the agent may show it to check what they typed (it never leaves this form).
  const [shown, setShown] = useState(false);
  // The suggestion last filled in: the note about it holds until the agent edits it.
  const [suggested, setSuggested] = useState<string | null>(null);

  const generate = async () => {
    const suggestion = await onSuggest();
    if (suggestion === null) return;
    onPassword(suggestion);
    setSuggested(suggestion);
  };

  return (
    <>
      {/* The rules are said once, by the live checklist the field points to. */}
      <Field label="New password">
        <Input
          required
          type={shown ? 'text' : 'password'}
          value={password}
          onChange={(_, d) => onPassword(d.value)}
          autoComplete="new-password"
          spellCheck={false}
          aria-describedby={`${checklistId} ${bannedId}`}
          autoFocus
          contentAfter={
            <span className={styles.after}>
              <ToggleButton
                type="button"
                appearance="subtle"
                size="small"
                checked={shown}
                aria-label="Show password"
                onClick={() => setShown(!shown)}
              >
                Show
              </ToggleButton>
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
            </span>
          }
        />
      </Field>
      <PolicyChecklist id={checklistId} password={password} policy={policy} />
      <BannedPasswordCheck id={bannedId} password={password} state={banned} />
      <Text role="status" size={200}>
        {suggested !== null && suggested === password
          ? `Generated a password that meets the policy. Keep it or edit it; ${afterResetWords(deliverTo, channels)}`
          : ''}
      </Text>
    </>
  );
}
