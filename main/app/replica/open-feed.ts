/** The feed of a stored profile, bound as `identity`, on its own connection (the sync thread's, or the CLI's). */
import type { ReplicaFeed } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import type { BindIdentity } from '../../directory/ldap/connection';
import { openReplicaFeed } from '../../directory/ldap/replica-feed-ldap';
import { systemClock } from '../../clock';

export function openFeed(profile: LdapProfile, identity: BindIdentity): ReplicaFeed {
  return openReplicaFeed({ profile, identity, clock: systemClock });
}
