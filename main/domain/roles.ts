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
} as const;
