/**
 * "Test connection": an agent's UPN and password, then each step main tried
 * (reach, TLS and certificate, bind, search, role mapping) with its own result,
 * so whoever sets it up sees which one is wrong. Steps after a failure were not
 * tried, and say so. The password leaves the field once sent.
 */
import { Button, Field, Input, makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DirectoryTestStep } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import type { UiErrorView } from '../../stores/call';

/** The steps main reports, in its order, as the list names them. */
export const TEST_STEPS: { step: string; label: string }[] = [
  { step: 'reach the server', label: 'Reach the server' },
  { step: 'TLS and certificate', label: 'TLS and certificate' },
  { step: 'bind as the agent', label: 'Bind as the agent' },
  { step: 'search users', label: 'Search users' },
  { step: 'page through every user', label: 'Page through every user' },
  { step: "the agent's groups map to a role", label: "The agent's groups map to a role" },
];

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS },
  mark: { width: '1em', flexShrink: 0 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground2 },
  detail: { color: tokens.colorNeutralForeground2, wordBreak: 'break-word' },
});

interface Props {
  initialUpn: string;
  steps: DirectoryTestStep[] | null;
  testing: boolean;
  error: UiErrorView | null;
  onTest(upn: string, password: string): void;
}

export function TestConnection({ initialUpn, steps, testing, error, onTest }: Props) {
  const page = useCenteredPageStyles();
  const styles = useStyles();
  const [upn, setUpn] = useState(initialUpn);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (testing || upn.trim() === '' || password === '') return;
    onTest(upn, password);
    setPassword('');
  };

  const byStep = new Map((steps ?? []).map((s) => [s.step, s]));
  return (
    <form onSubmit={submit} noValidate aria-label="Test connection">
      <fieldset className={styles.box}>
        <legend className={styles.legend}>Test connection</legend>
        <Text>Sign in as an agent of that directory: nothing is saved by a test.</Text>
        <Field label="Agent's user principal name" validationMessage={submitted && upn.trim() === '' ? "Enter the agent's user principal name." : null}>
          <Input value={upn} onChange={(_, d) => setUpn(d.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Agent's password" validationMessage={submitted && password === '' && !steps ? "Enter the agent's password." : null}>
          <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="off" />
        </Field>
        <div className={page.actions}>
          <Button type="submit" disabledFocusable={testing} icon={testing ? <Spinner size="tiny" /> : undefined}>
            Test connection
          </Button>
          <Text role="status">{testing ? 'Testing the connection…' : steps ? (steps.every((s) => s.ok) && steps.length === TEST_STEPS.length ? 'Every step passed.' : 'A step failed.') : ''}</Text>
        </div>
        <ErrorBar error={error} />
        {steps && (
          <ul className={styles.list} aria-label="Connection test steps">
            {TEST_STEPS.map(({ step, label }) => {
              const result = byStep.get(step);
              const state = !result ? 'skipped' : result.ok ? 'ok' : 'failed';
              return (
                <li key={step} className={styles.item}>
                  <span className={mergeClasses(styles.mark, styles[state])} aria-hidden="true">
                    {state === 'ok' ? '✓' : state === 'failed' ? '✗' : '–'}
                  </span>
                  <span>
                    <span className={styles[state]}>
                      {label}: {state === 'ok' ? 'OK' : state === 'failed' ? 'Failed' : 'Not tried'}
                    </span>
                    {result?.detail && <span className={styles.detail}> — {result.detail}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </form>
  );
}
