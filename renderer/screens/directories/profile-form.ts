/**
 * The connection form's values and the profile they stand for. Pure, so the
 * first run and the Directories screen edit profiles the same way, and the
 * conversion is unit-tested. Main validates the profile again (its zod
 * schema): what this checks is only what an empty field would make obvious.
 */
import { ROLES } from '../../../main/domain/roles';
import type { DirectoryProfileView, RequestOf } from '../../../main/ipc/contract';

export type ProfileInput = RequestOf<'saveDirectory'>['profile'];
export type LdapKind = ProfileInput['type'];

export const ROLE_NAMES: string[] = Object.values(ROLES);

export const KIND_LABELS: Record<LdapKind | 'embedded', string> = {
  ad: 'Active Directory',
  openldap: 'OpenLDAP',
  embedded: 'Embedded',
};

export interface RoleGroupRow {
  /** Stable key for React while rows are added and removed. */
  key: number;
  dn: string;
  role: string;
}

export interface ProfileFormValues {
  name: string;
  type: LdapKind;
  /** One URL per line. */
  urls: string;
  baseDn: string;
  usersDn: string;
  caFile: string;
  startTls: boolean;
  roleGroups: RoleGroupRow[];
  /** OpenLDAP only. */
  upnAttribute: string;
}

export type FieldName = 'name' | 'urls' | 'baseDn' | 'usersDn' | 'caFile' | 'roleGroups' | 'upnAttribute';
export type FieldProblems = Partial<Record<FieldName, string>>;

let nextKey = 1;
export const newRoleGroupRow = (dn = '', role: string = ROLES.helpdeskAdministrator): RoleGroupRow => ({ key: nextKey++, dn, role });

export function emptyForm(type: LdapKind): ProfileFormValues {
  return {
    name: '',
    type,
    urls: '',
    baseDn: '',
    usersDn: '',
    caFile: '',
    startTls: false,
    roleGroups: [newRoleGroupRow()],
    upnAttribute: 'mail',
  };
}

/** A stored profile as the form shows it (the users DN left empty when it is the base DN). */
export function formOf(profile: DirectoryProfileView): ProfileFormValues {
  return {
    name: profile.name,
    type: profile.type,
    urls: profile.urls.join('\n'),
    baseDn: profile.baseDn,
    usersDn: profile.usersDn === profile.baseDn ? '' : profile.usersDn,
    caFile: profile.caFile ?? '',
    startTls: profile.startTls,
    roleGroups: Object.entries(profile.roleGroups).map(([dn, role]) => newRoleGroupRow(dn, role)),
    upnAttribute: profile.type === 'openldap' ? profile.upnAttribute : 'mail',
  };
}

export function urlsOf(values: Pick<ProfileFormValues, 'urls'>): string[] {
  return values.urls
    .split(/[\r\n]+/)
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

/** Whether a plain ldap:// URL is listed (StartTLS then matters). */
export function hasPlainUrl(values: Pick<ProfileFormValues, 'urls'>): boolean {
  return urlsOf(values).some((url) => /^ldap:\/\//i.test(url));
}

/** What is plainly missing, by field (main checks the rest and says so). */
export function problemsOf(values: ProfileFormValues): FieldProblems {
  const problems: FieldProblems = {};
  if (values.name.trim() === '') problems.name = 'Enter a name for this connection.';
  const urls = urlsOf(values);
  if (urls.length === 0) problems.urls = 'Enter at least one server URL, such as ldaps://dc1.contoso.com:636.';
  else if (urls.some((url) => !/^ldaps?:\/\//i.test(url))) problems.urls = 'Each URL starts with ldaps:// or ldap://.';
  // Main's schema refuses it too (ldapProfileSchema): said here, next to the field, before anything is sent.
  else if (hasPlainUrl(values) && !values.startTls) problems.urls = 'An ldap:// URL sends passwords in clear: use ldaps://, or tick Use StartTLS.';
  if (values.baseDn.trim() === '') problems.baseDn = 'Enter the base DN, such as DC=contoso,DC=com.';
  const rows = values.roleGroups.filter((row) => row.dn.trim() !== '');
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.dn.trim().toLowerCase();
    if (seen.has(key)) problems.roleGroups = `The group ${row.dn.trim()} is listed twice.`;
    seen.add(key);
  }
  if (values.type === 'openldap' && values.upnAttribute.trim() === '') {
    problems.upnAttribute = 'Enter the attribute that holds the user principal name (default mail).';
  }
  return problems;
}

/**
 * The profile main is sent. Settings the form does not show (bind mode,
 * timeouts, templates) are kept from the profile being edited.
 */
export function profileOf(values: ProfileFormValues, editing: DirectoryProfileView | null = null): ProfileInput {
  const roleGroups: Record<string, string> = {};
  for (const row of values.roleGroups) if (row.dn.trim() !== '') roleGroups[row.dn.trim()] = row.role;
  const base: Partial<ProfileInput> = editing ? { ...editing } : {};
  // Fields the form owns are set below; an emptied optional one is dropped, not sent as ''.
  delete base.usersDn;
  delete base.caFile;
  delete base.upnAttribute;
  if (values.type === 'ad') delete base.userDnTemplate;
  return {
    ...base,
    name: values.name.trim(),
    type: values.type,
    urls: urlsOf(values),
    startTls: values.startTls && hasPlainUrl(values),
    baseDn: values.baseDn.trim(),
    ...(values.usersDn.trim() !== '' ? { usersDn: values.usersDn.trim() } : {}),
    ...(values.caFile.trim() !== '' ? { caFile: values.caFile.trim() } : {}),
    ...(values.type === 'openldap' ? { upnAttribute: values.upnAttribute.trim() } : {}),
    roleGroups: roleGroups as ProfileInput['roleGroups'],
  };
}

/** How an agent's bind DN is had (main/directory/ldap/locate.ts): AD the UPN; OpenLDAP a search unless a template is set. */
export function signInDnText(profile: Pick<DirectoryProfileView, 'type' | 'userDnTemplate' | 'bind' | 'upnAttribute'>): string {
  if (profile.type === 'ad') return 'The UPN itself';
  if (profile.userDnTemplate) return `From the template ${profile.userDnTemplate}`;
  const searcher = profile.bind === 'service' ? 'anonymously, else as the service account' : 'anonymously';
  return `Found by a search on ${profile.upnAttribute} under the base DN (${searcher})`;
}

/** "ldaps://a:636, ldaps://b:636" */
export const urlsText = (profile: Pick<DirectoryProfileView, 'urls'>) => profile.urls.join(', ');

const FIELD_OF_PATH: Record<string, FieldName> = {
  name: 'name',
  urls: 'urls',
  startTls: 'urls',
  baseDn: 'baseDn',
  usersDn: 'usersDn',
  caFile: 'caFile',
  roleGroups: 'roleGroups',
  upnAttribute: 'upnAttribute',
};

/**
 * Main refuses a profile with INVALID_INPUT "Check: profile.urls.0, profile.baseDn.":
 * the form fields those paths name, so each one says so next to itself.
 */
export function fieldsNamedIn(message: string): FieldName[] {
  const fields = new Set<FieldName>();
  for (const match of message.matchAll(/\bprofile\.([A-Za-z]+)/g)) {
    const field = FIELD_OF_PATH[match[1]!];
    if (field) fields.add(field);
  }
  return [...fields];
}
