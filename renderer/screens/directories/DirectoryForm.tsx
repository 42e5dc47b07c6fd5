/**
 * The connection form, the same at first run and on the Directories screen:
 * name, server URLs, base and users DN, CA file, StartTLS, the role groups
 * (group DN → role), and for OpenLDAP the attribute that holds the UPN; then
 * "Test connection" and save. Main checks the profile again: its INVALID_INPUT
 * answer is shown, and the fields it names say so. Read-only (for whoever
 * main says may not change connections) it shows the values, with nothing to
 * test or save.
 */
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Spinner, Textarea } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { DirectoryProfileView } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import type { UiErrorView } from '../../stores/call';
import { useDirectories } from '../../stores/directories';
import {
  emptyForm,
  fieldsNamedIn,
  formOf,
  hasPlainUrl,
  KIND_LABELS,
  problemsOf,
  profileOf,
  type FieldName,
  type LdapKind,
  type ProfileFormValues,
  type ProfileInput,
} from './profile-form';
import { RoleGroupRows } from './RoleGroupRows';
import { TestConnection } from './TestConnection';

interface Props {
  /** The profile being edited (its name stays); null: a new one. */
  editing: DirectoryProfileView | null;
  /** The kind chosen already (first run); otherwise the form asks. */
  type?: LdapKind;
  submitLabel: string;
  saving: boolean;
  error: UiErrorView | null;
  /** Prefills the test's UPN (the signed-in agent). */
  agentUpn?: string;
  /** The first control takes the focus (as the first run's choice does). */
  autoFocus?: boolean;
  /** Shown, not offered for change: every value read-only, no test, no save; Cancel reads Back. */
  readOnly?: boolean;
  onSave(profile: ProfileInput): void;
  onCancel?(): void;
}

export function DirectoryForm(props: Props) {
  const { editing, type, submitLabel, saving, error, agentUpn = '', autoFocus = false, readOnly = false, onSave, onCancel } = props;
  const page = useCenteredPageStyles();
  const formId = useId();
  const [values, setValues] = useState<ProfileFormValues>(() => (editing ? formOf(editing) : emptyForm(type ?? 'ad')));
  const [submitted, setSubmitted] = useState(false);
  const steps = useDirectories((s) => s.steps);
  const testing = useDirectories((s) => s.testing);
  const testError = useDirectories((s) => s.testError);
  const runTest = useDirectories((s) => s.test);
  const clearTest = useDirectories((s) => s.clearTest);

  // A test shown is for this form's profile only.
  useEffect(() => clearTest(), [clearTest]);

  const change = (patch: Partial<ProfileFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    // A test answered for the profile as it was.
    clearTest();
  };

  const problems = problemsOf(values);
  const refused = new Set<FieldName>(error?.code === 'INVALID_INPUT' ? fieldsNamedIn(error.message) : []);
  const messageOf = (field: FieldName): string | null =>
    (submitted ? problems[field] : undefined) ?? (refused.has(field) ? 'Main refused this value: see the message below.' : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving || readOnly) return;
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    onSave(profileOf(values, editing));
  };

  const openldap = values.type === 'openldap';
  return (
    <div className={page.form}>
      <form id={formId} className={page.form} onSubmit={submit} noValidate aria-label="Directory connection">
        {type === undefined && (
          <Field label="Directory type">
            <RadioGroup layout="horizontal" value={values.type} disabled={readOnly} onChange={(_, d) => change({ type: d.value === 'openldap' ? 'openldap' : 'ad' })}>
              <Radio value="ad" label={KIND_LABELS.ad} />
              <Radio value="openldap" label={KIND_LABELS.openldap} />
            </RadioGroup>
          </Field>
        )}
        <Field label="Name" hint="How Resetdesk names this connection, for example Corp AD." validationMessage={messageOf('name')}>
          <Input
            value={values.name}
            readOnly={readOnly || editing !== null}
            onChange={(_, d) => change({ name: d.value })}
            autoFocus={autoFocus}
            spellCheck={false}
          />
        </Field>
        <Field
          label="Server URLs"
          hint="One per line: ldaps://dc1.contoso.com:636. The next one is tried when a server does not answer."
          validationMessage={messageOf('urls')}
        >
          <Textarea value={values.urls} readOnly={readOnly} onChange={(_, d) => change({ urls: d.value })} rows={2} spellCheck={false} resize="vertical" />
        </Field>
        <Checkbox
          checked={values.startTls}
          disabled={readOnly || !hasPlainUrl(values)}
          onChange={(_, d) => change({ startTls: d.checked === true })}
          label="Use StartTLS (for ldap:// URLs): encrypt before anything is sent"
        />
        <Field label="Base DN" hint={openldap ? 'For example dc=contoso,dc=com.' : 'For example DC=contoso,DC=com.'} validationMessage={messageOf('baseDn')}>
          <Input value={values.baseDn} readOnly={readOnly} onChange={(_, d) => change({ baseDn: d.value })} spellCheck={false} />
        </Field>
        <Field label="Users DN (optional)" hint="Where users are searched; empty: the base DN." validationMessage={messageOf('usersDn')}>
          <Input value={values.usersDn} readOnly={readOnly} onChange={(_, d) => change({ usersDn: d.value })} spellCheck={false} />
        </Field>
        <Field
          label="CA certificate file (optional)"
          hint="Path of the PEM file of the CA that signs the servers' certificates; empty: the system's trust store."
          validationMessage={messageOf('caFile')}
        >
          <Input value={values.caFile} readOnly={readOnly} onChange={(_, d) => change({ caFile: d.value })} spellCheck={false} />
        </Field>
        {openldap && (
          <Field label="UPN attribute" hint="The attribute that holds each user's sign-in name (default mail)." validationMessage={messageOf('upnAttribute')}>
            <Input value={values.upnAttribute} readOnly={readOnly} onChange={(_, d) => change({ upnAttribute: d.value })} spellCheck={false} />
          </Field>
        )}
        <RoleGroupRows
          rows={values.roleGroups}
          problem={messageOf('roleGroups')}
          readOnly={readOnly}
          onChange={(roleGroups) => change({ roleGroups })}
        />
      </form>
      {!readOnly && (
        <TestConnection
          initialUpn={agentUpn}
          steps={steps}
          testing={testing}
          error={testError}
          onTest={(upn, password) => void runTest(profileOf(values, editing), upn, password)}
        />
      )}
      <ErrorBar error={error} />
      <div className={page.actions}>
        {!readOnly && (
          <Button type="submit" form={formId} appearance="primary" disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
            {submitLabel}
          </Button>
        )}
        {onCancel && <Button onClick={onCancel}>{readOnly ? 'Back' : 'Cancel'}</Button>}
      </div>
    </div>
  );
}
