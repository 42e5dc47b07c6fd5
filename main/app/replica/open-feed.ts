/** The feed of a stored profile, bound as `identity`, on its own connections (the sync thread's, or the CLI's). */
import type { ReplicaFeed } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import type { BindIdentity } from '../../directory/ldap/connection';
import { openReplicaFeed } from '../../directory/ldap/replica-feed-ldap';

export function openFeed(profile: LdapProfile, identity: BindIdentity, clock: () => number = Date.now): ReplicaFeed {
  return openReplicaFeed({ profile, identity, clock });
}
