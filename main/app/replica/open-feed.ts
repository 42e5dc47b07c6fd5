/** The feed of a stored profile, bound as `identity`, on its own connection (the sync thread's, or the CLI's). */
import type { ReplicaFeed } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import type { BindIdentity } from '../../directory/ldap/connection';

export function openFeed(_profile: LdapProfile, _identity: BindIdentity): ReplicaFeed {
  throw new Error('the LDAP replica feed is not merged yet');
}
