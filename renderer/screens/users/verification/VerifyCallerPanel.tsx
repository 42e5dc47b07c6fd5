/**
 * Verify caller: the user's verification methods (masked by main), "Send
 * code" for email and SMS, a field for the code the caller reads back, a
 * field for an authenticator app's current code, and what is verified so far
 * ("Caller verified by SMS code at 10:42 (valid 10 min)"). Main keeps the
 * codes and decides; this panel only asks. Only what can work is offered (a
 * channel the tenant has set up, an authenticator whose secret Resetdesk
 * holds); a method the user has that cannot is named, with why, as a note.
 */
import { Button, Field, Input, makeStyles, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import type { DirectoryUser, VerificationMethod } from '../../../../main/domain/types';
import type { CallerStatus } from '../../../../main/ipc/contract';
import { ErrorBar } from '../../../components/ErrorBar';
import { formatTime } from '../../../format';
import { useDelivery } from '../../../stores/delivery';
import { useVerification, type CodeMethod } from '../../../stores/verification';
import { panelMethods, requirementLine, verifiedLine, withheldWords, type PanelMethods } from './words';

const useStyles = makeStyles({
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground2 },
  withheld: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  code: { width: '10ch' },
  // A masked phone or address reads as one thing: it moves to the next line whole.
  value: { whiteSpace: 'nowrap' },
});

const SEND_LABELS: Record<CodeMethod, string> = { email: 'Send code by email', sms: 'Send code by SMS' };
const FIELD_LABELS: Record<VerificationMethod, string> = { email: 'Email code', sms: 'SMS code', totp: 'Authenticator code' };

function CodeForm({ userId, method }: { userId: string; method: VerificationMethod }) {
  const styles = useStyles();
  const [code, setCode] = useState('');
  const checking = useVerification((s) => s.checking === method);
  const check = useVerification((s) => s.check);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim()) || checking) return;
    if (await check(userId, method, code.trim())) setCode('');
  };
  return (
    <form className={styles.row} onSubmit={(e) => void submit(e)} noValidate>
      <Field label={FIELD_LABELS[method]}>
        <Input
          className={styles.code}
          value={code}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          onChange={(_, d) => setCode(d.value.replace(/\D/g, ''))}
        />
      </Field>
      <Button type="submit" disabledFocusable={code.length !== 6 || checking} icon={checking ? <Spinner size="tiny" /> : undefined}>
        {method === 'totp' ? 'Check authenticator code' : `Check ${method === 'sms' ? 'SMS' : 'email'} code`}
      </Button>
    </form>
  );
}

interface Props {
  user: DirectoryUser;
  status: CallerStatus | undefined;
  /** Main's list (getUser); without it, the masked contact methods by the channels set up. */
  methods?: PanelMethods | undefined;
}

export function VerifyCallerPanel({ user, status, methods: given }: Props) {
  const styles = useStyles();
  const headingId = useId();
  const store = useVerification();
  const channels = useDelivery((s) => s.channels);
  if (!status || status.level === 'none') return null;
  const methods = given ?? panelMethods(user.contactMethods, channels);
  const mine = store.userId === user.id;
  const sent = mine ? store.sent : {};
  const requirement = requirementLine(status);
  const none = !methods.email && !methods.sms && !methods.totp;

  return (
    <section aria-labelledby={headingId} className={styles.block}>
      <h3 id={headingId} className={styles.heading}>
        Verify caller
      </h3>
      {requirement && <Text>{requirement}</Text>}
      {/* Announced as it changes, without a status role: the pane's one status is the unlock outcome. */}
      <div aria-live="polite" aria-label="Caller verification status" className={styles.block}>
        {status.verified.map((v) => (
          <Text key={v.method} weight="semibold">
            {verifiedLine(v)}
          </Text>
        ))}
        {status.verified.length === 0 && <Text className={styles.note}>Caller not verified yet.</Text>}
      </div>
      {none && (
        <Text className={styles.note}>
          {methods.withheld.length === 0
            ? 'This user has no verification method registered.'
            : 'None of this user\'s verification methods can be used here:'}
        </Text>
      )}
      {methods.withheld.length > 0 && (
        <ul className={styles.withheld} aria-label="Methods not offered">
          {methods.withheld.map((w) => {
            const words = withheldWords(w);
            return (
              <li key={w.method} className={styles.note}>
                {words.lead}
                <span className={styles.value}>{words.registered}</span>
                {words.tail}
              </li>
            );
          })}
        </ul>
      )}
      {(['email', 'sms'] as const).map((method) =>
        methods[method] ? (
          <div key={method} className={styles.block}>
            <div className={styles.row}>
              <Button
                disabledFocusable={mine && store.sending !== null}
                icon={mine && store.sending === method ? <Spinner size="tiny" /> : undefined}
                onClick={() => void store.send(user.id, method)}
              >
                {SEND_LABELS[method]}
              </Button>
              <Text className={styles.note}>{methods[method]}</Text>
            </div>
            {sent[method] && (
              <>
                <Text>
                  Code sent to {sent[method]!.sentTo}; ask the caller to read it back (valid until {formatTime(sent[method]!.expiresAt)}).
                </Text>
                <CodeForm userId={user.id} method={method} />
              </>
            )}
          </div>
        ) : null,
      )}
      {methods.totp && (
        <div className={styles.block}>
          <Text className={styles.note}>Authenticator app: {methods.totp}</Text>
          <CodeForm userId={user.id} method="totp" />
        </div>
      )}
      <ErrorBar error={mine ? store.error : null} />
    </section>
  );
}
