/**
 * The user's facts as a description list: each term (dt) followed by its value
 * (dd). ARIA forbids naming a definition, so a value is found through its term.
 */
import { Fragment } from 'react';
import type { DirectoryUser } from '../../../main/domain/types';
import { useFactListStyles } from '../../components/layout';
import { LongText } from '../../components/LongText';
import { formatTime, lockoutText, sourceLabel, yesNo, type DirectoryShown } from '../../format';
import { useSetup } from '../../stores/setup';


export function userFacts(user: DirectoryUser, directory: DirectoryShown | null = null): [string, string][] {
  return [
    ['User principal name', user.upn],
    ['Source of authority', sourceLabel(user.source, directory)],
    ['Domain', user.domain],
    ['User type', user.userType === 'guest' ? 'Guest' : 'Member'],
    ['Roles', user.roles.length > 0 ? user.roles.join(', ') : 'None'],
    // Only protected accounts: it is why their reset is refused (hr=80231367).
    ...(user.adminCount === 1 ? [['Admin protection', 'AdminCount=1 (protected)'] as [string, string]] : []),
    ['Account enabled', yesNo(user.enabled)],
    ['Lockout', lockoutText(user)],
    // A user nobody has given a password yet (guests, sample users before a reset).
    ['Password last set', formatTime(user.passwordLastSet, 'Never set')],
    ['Must change password at next sign-in', yesNo(user.forceChangeNextSignIn)],
    ['Password never expires', yesNo(user.passwordNeverExpires)],
  ];
}

export function UserFacts({ user }: { user: DirectoryUser }) {
  const styles = useFactListStyles();
  const directory = useSetup((s) => s.appState);
  return (
    <dl className={styles.list}>
      {userFacts(user, directory).map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>
            <LongText text={value} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
