/** The feed of a stored profile, bound as the replica's sync binds (replicaSource), on its own connections (the sync thread's, the CLI's, a connection test's). */
import type { ReplicaBind } from '../../directory/directory';
import type { ReplicaFeed } from '../../directory/replica-feed';
import type { LdapProfile } from '../../directory/ldap/profile';
import { openReplicaFeed } from '../../directory/ldap/replica-feed-ldap';
import { Secret } from '../../domain/secret';

export function openFeed(profile: LdapProfile, bind: ReplicaBind, clock: () => number = Date.now): ReplicaFeed {
  return openReplicaFeed({ profile, identity: { dn: bind.dn, password: new Secret(bind.password) }, clock });
}
