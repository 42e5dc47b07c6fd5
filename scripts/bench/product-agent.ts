/**
 * Signing in to the product slapd (product-slapd.ts) through the product
 * itself, as an agent at the desk does: a local file made as `init` makes it
 * for a real directory, services over the profile (servicesForProfile, no
 * search index: every search goes to the server), authenticateAgent with the
 * agent's UPN and password. What comes back is the agent's credential and the
 * live directory view a search-as-you-type on the server uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ldapUsers } from '../../main/app/ldap-users';
import { buildServices } from '../../main/app/build-services';
import type { DirectoryView } from '../../main/directory/directory';
import type { LdapAgentCredential } from '../../main/directory/ldap/ldap-directory';
import { Secret } from '../../main/domain/secret';
import type { SearchResults } from '../../main/domain/types';
import type { Actor } from '../../main/reset/engine';
import { PasswordHasher } from '../../main/reset/hashing';
import { authenticateAgent, type Services } from '../../main/app/services';
import { localFile } from './ldap-bench';
import type { RunningProductSlapd } from './product-slapd';
import { LIMIT } from './queries';

export interface SignedInAgent {
  services: Services;
  actor: Actor;
  credential: LdapAgentCredential;
  /** services.directory as the agent: the provider's live searchUsers (a connection, TLS and a bind per call). */
  directory: DirectoryView;
  /** Closes the local file and removes its folder. */
  close(): void;
}

/** Signs the slapd's Global Administrator agent in through the product; throws the product's own refusal if it cannot. */
export async function signInAgent(slapd: RunningProductSlapd): Promise<SignedInAgent> {
  const work = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-agent-'));
  const store = await localFile(work, 'contoso.com');
  try {
    const services = buildServices(store, ldapUsers(slapd.profile), { hasher: new PasswordHasher() });
    const actor = await authenticateAgent(services, slapd.agent.upn, new Secret(slapd.agent.password));
    const credential = actor.credential as LdapAgentCredential;
    return {
      services,
      actor,
      credential,
      directory: services.directory.as(credential),
      close() {
        store.close();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    store.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** One page of users as the agent sees it: `query` '' lists everyone by name (a paged read past the server's size limit). */
export function firstPage(agent: SignedInAgent, query = ''): Promise<SearchResults> {
  return agent.directory.searchUsers(query, { limit: LIMIT, offset: 0 });
}
