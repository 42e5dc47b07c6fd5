/** One connection profile in the Directories list: its settings (never a password), whether it is in use, and its actions. */
import { Badge, Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { Fragment, useId } from 'react';
import type { ReactNode } from 'react';
import type { DirectoryProfileView } from '../../../main/ipc/contract';
import { useFactListStyles } from '../../components/layout';
import { KIND_LABELS, signInDnText, urlsText } from './profile-form';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  groups: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function bindText(profile: DirectoryProfileView): string {
  return profile.bind === 'service'
    ? `Service account ${profile.serviceAccountDn ?? ''}`.trim()
    : "Each agent's own account";
}

export function profileFacts(profile: DirectoryProfileView, groupsClass?: string): [string, ReactNode][] {
  const groups = Object.entries(profile.roleGroups);
  return [
    ['Type', KIND_LABELS[profile.type]],
    ['Server URLs', urlsText(profile) + (profile.startTls ? ' (StartTLS)' : '')],
    ['Base DN', profile.baseDn],
    ['Users DN', profile.usersDn],
    ...(profile.type === 'openldap' ? [['UPN attribute', profile.upnAttribute] as [string, ReactNode]] : []),
    ['CA certificate file', profile.caFile ?? "The system's trust store"],
    ['Bind', bindText(profile)],
    ['Sign-in DN', signInDnText(profile)],
    [
      'Role groups',
      groups.length === 0 ? 'None' : (
        <ul className={groupsClass}>
          {groups.map(([dn, role]) => (
            <li key={dn}>
              {dn} → {role}
            </li>
          ))}
        </ul>
      ),
    ],
  ];
}

/** The card's buttons: edit (or view), test, switch to it, remove. */
export interface DirectoryActions {
  onEdit(): void;
  onTest(): void;
  onUse(): void;
  onRemove(): void;
}

interface Props {
  profile: DirectoryProfileView;
  inUse: boolean;
  busy: boolean;
  /**
   * Set when main says this agent may not change connections: the id of its
   * words, which describe the buttons. Edit then reads View (the form,
   * read-only), Test connection is not offered, switch and remove are shown
   * but not available.
   */
  readOnlyNoteId: string | null;
  actions: DirectoryActions;
  /** The inline "Test connection" for this profile, when open. */
  children?: ReactNode;
}

export function DirectoryCard({ profile, inUse, busy, readOnlyNoteId, actions, children }: Props) {
  const styles = useStyles();
  const facts = useFactListStyles();
  const headingId = useId();
  const readOnly = readOnlyNoteId !== null;
  const describedBy = readOnlyNoteId ?? undefined;
  return (
    <li className={styles.card} aria-labelledby={headingId}>
      <div className={styles.title}>
        <h3 id={headingId} className={styles.heading}>
          {profile.name}
        </h3>
        {inUse && (
          <Badge appearance="tint" color="success">
            In use
          </Badge>
        )}
      </div>
      <dl className={facts.list}>
        {profileFacts(profile, styles.groups).map(([term, value]) => (
          <Fragment key={term}>
            <dt className={facts.term}>{term}</dt>
            <dd className={facts.value}>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <div className={styles.actions}>
        <Button onClick={actions.onEdit}>{readOnly ? 'View' : 'Edit'}</Button>
        {!readOnly && <Button onClick={actions.onTest}>Test connection</Button>}
        {!inUse && (
          <Button appearance="primary" disabledFocusable={readOnly || busy} aria-describedby={describedBy} onClick={actions.onUse}>
            Use this directory
          </Button>
        )}
        <Button
          disabledFocusable={readOnly || inUse || busy}
          aria-describedby={describedBy}
          title={inUse ? 'The directory in use cannot be removed.' : undefined}
          onClick={actions.onRemove}
        >
          Remove
        </Button>
      </div>
      {children}
    </li>
  );
}
