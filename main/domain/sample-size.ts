/**
 * Who the sample holds besides its generated users, and so how many users it
 * needs: one agent per role in ROLES (Security Administrator plays "any other
 * role") and one user per example. SAMPLE_SIZE, the sizes
 * `init --sample` and the first run take, is derived from them here, and the
 * CLI, the IPC contract (through main/domain/validation.ts) and the sample itself
 * read it. Only the domain's role names are imported, so the contract (and
 * the renderer, which reads the contract) never load the sample's name lists.
 */
import { ROLES } from './roles';

/** The "any other role" an agent holds (Entra's reset table treats it like Global Administrator). */
export const SECURITY_ADMINISTRATOR = ROLES.securityAdministrator;

/**
 * Fixed users, one per reset outcome, the same for every (size, seed): cloud member (resettable,
 * generated password); synced in a managed domain (writeback, the agent types the password);
 * synced in the federated domain (refused); synced with AdminCount=1 (refused); synced with
 * "password never expires" (writeback sets no must-change); guests homed in another tenant,
 * a Microsoft account or Google (refused); a local guest (resettable like a member); an
 * External Azure AD member (refused); a disabled user; a user locked until now + 1 hour
 * (failedAttempts 0, lockoutCount 1); a user with no methods registered (SSPR: "we could
 * not verify your account").
 */
export const SAMPLE_EXAMPLES = {
  cloudMember: 'adele.vance@contoso.com',
  syncedManaged: 'megan.bowen@corp.contoso.com',
  syncedFederated: 'lee.gu@partners.contoso.com',
  syncedAdminCount: 'diego.siciliani@corp.contoso.com',
  passwordNeverExpiresSynced: 'joni.sherman@corp.contoso.com',
  guestOtherTenant: 'alice_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  guestMicrosoftAccount: 'bob.kelly_outlook.com#EXT#@contoso.onmicrosoft.com',
  guestGoogle: 'carol.smith_gmail.com#EXT#@contoso.onmicrosoft.com',
  localGuest: 'grady.archie@contoso.com',
  externalAzureAD: 'henrietta.mueller_northwind.com#EXT#@contoso.onmicrosoft.com',
  disabled: 'isaiah.langer@contoso.com',
  locked: 'johanna.lorenz@contoso.com',
  unregistered: 'lidia.holloway@contoso.com',
} as const;

/** The role each agent holds, one agent per role, in the order they are made. */
export const SAMPLE_AGENT_ROLES: readonly string[] = Object.values(ROLES);

/**
 * The sizes of sample the product makes: at least the agents and the example
 * users (the smallest tenant that still has them all), at most a million (a
 * streamed million loads in under a minute).
 */
export const SAMPLE_SIZE = {
  min: SAMPLE_AGENT_ROLES.length + Object.keys(SAMPLE_EXAMPLES).length,
  max: 1_000_000,
} as const;

/**
 * The sample `resetdesk init` and the app's first run make when no size is
 * given, and the largest the first run may ask for over IPC: a renderer
 * never starts a big load (a million users is a minute and 500 MB).
 */
export const DEFAULT_SAMPLE_SIZE = 500;
