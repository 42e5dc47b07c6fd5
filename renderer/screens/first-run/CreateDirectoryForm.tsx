/**
 * Step one of the first run: the embedded sample, an empty embedded tenant
 * (organisation name and domain), or a real directory (Active Directory,
 * OpenLDAP) through the connection form, tested and saved.
 */
import { Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import { SubmitButton } from '../../components/SubmitButton';
import type { UiErrorView } from '../../stores/call';
import type { DirectoryPlan } from '../../stores/setup';
import { DirectoryForm } from '../directories/DirectoryForm';

type Choice = 'sample' | 'empty' | 'ad' | 'openldap';
const CHOICES: readonly Choice[] = ['sample', 'empty', 'ad', 'openldap'];
const isChoice = (value: string): value is Choice => (CHOICES as readonly string[]).includes(value);

/** The shape main's contract accepts, checked here too so the agent sees the hint before sending. */
const DOMAIN_PATTERN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

interface Props {
  creating: boolean;
  error: UiErrorView | null;
  onCreate(plan: DirectoryPlan): void;
}

export function CreateDirectoryForm({ creating, error, onCreate }: Props) {
  const styles = useCenteredPageStyles();
  const [kind, setKind] = useState<Choice>('sample');
  const [tenantName, setTenantName] = useState('');
  const [domain, setDomain] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const nameProblem = tenantName.trim() === '' ? 'Enter the organisation name.' : null;
  const domainProblem = DOMAIN_PATTERN.test(domain.trim().toLowerCase())
    ? null
    : 'Enter a domain such as contoso.com.';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (creating || kind === 'ad' || kind === 'openldap') return;
    if (kind === 'sample') return onCreate({ kind: 'sample' });
    setSubmitted(true);
    if (nameProblem || domainProblem) return;
    onCreate({ kind: 'empty', tenantName: tenantName.trim(), domain: domain.trim().toLowerCase() });
  };

  const choice = (
    <Field label="Directory to create">
      <RadioGroup value={kind} onChange={(_, data) => setKind(isChoice(data.value) ? data.value : 'sample')}>
        {/* The first control has the focus, as on the sign-in screen: keys typed at once are not lost. */}
        <Radio value="sample" label="Embedded sample" autoFocus />
        <Radio value="empty" label="Empty tenant" />
        <Radio value="ad" label="Active Directory" />
        <Radio value="openldap" label="OpenLDAP" />
      </RadioGroup>
    </Field>
  );

  // The choice stays the same element whichever form follows, so it keeps the focus while the agent picks.
  return (
    <div className={styles.form}>
      {choice}
      {kind === 'ad' || kind === 'openldap' ? (
        <>
          <Text>
            {kind === 'ad' ? 'Active Directory' : 'OpenLDAP'}: users stay in the directory, agents sign in with their
            own directory account, and every change is made with it. This computer keeps only the connection, the audit
            and the settings.
          </Text>
          <DirectoryForm
            key={kind}
            editing={null}
            type={kind}
            submitLabel="Save and continue"
            saving={creating}
            error={error}
            onSave={(profile) => onCreate({ kind: 'directory', profile })}
          />
        </>
      ) : (
        <form className={styles.form} onSubmit={submit} noValidate>
          {kind === 'sample' ? (
            <Text>
              Contoso, a fictional company in the embedded directory: a few hundred users, including the cases Entra ID
              refuses to reset, and one agent account per helpdesk role.
            </Text>
          ) : (
            <>
              <Field label="Organisation name" validationMessage={submitted ? nameProblem : null}>
                <Input required value={tenantName} onChange={(_, data) => setTenantName(data.value)} autoComplete="organization" />
              </Field>
              <Field
                label="Domain"
                hint="The domain of your users' user principal names, for example contoso.com."
                validationMessage={submitted ? domainProblem : null}
              >
                <Input required value={domain} onChange={(_, data) => setDomain(data.value)} spellCheck={false} />
              </Field>
            </>
          )}
          <ErrorBar error={error} />
          <div className={styles.actions}>
            <SubmitButton busy={creating}>Create directory</SubmitButton>
            <Text role="status">{creating ? 'Creating the directory. This takes a few seconds.' : ''}</Text>
          </div>
        </form>
      )}
    </div>
  );
}
