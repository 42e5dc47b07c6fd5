/**
 * The Entra admin role names, as the directory spells them. Which role may
 * reset whom is a rule, and lives in main/reset/roles.ts; the names are shared
 * by the directory (sample tenant, role groups), the rules and the UI.
 */
export const ROLES = {
  globalAdministrator: 'Global Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  userAdministrator: 'User Administrator',
  groupsAdministrator: 'Groups Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  passwordAdministrator: 'Password Administrator',
  directoryReaders: 'Directory Readers',
  guestInviter: 'Guest Inviter',
  messageCenterReader: 'Message Center Reader',
  reportsReader: 'Reports Reader',
  usageSummaryReportsReader: 'Usage Summary Reports Reader',
  userExperienceSuccessManager: 'User Experience Success Manager',
  // Entra's readers of the audit (and, for Global Reader, of everything an administrator reads):
  // they reset nobody (the "any other role" row of the reset table), main/reset/read-rights.ts says what they read.
  securityAdministrator: 'Security Administrator',
  globalReader: 'Global Reader',
  securityReader: 'Security Reader',
} as const;
