/**
 * The names of the contract's methods, without their schemas: what the preload
 * needs to build `window.resetdesk`, so the sandboxed preload does not bundle
 * zod. contract.ts checks at compile time that its table has exactly these keys.
 */
export const METHOD_NAMES = [
  'getAppState',
  'createDirectory',
  'getSession',
  'signIn',
  'changeOwnPassword',
  'signOut',
  'searchUsers',
  'getUser',
  'preflightReset',
  'suggestPassword',
  'resetPassword',
  'unlockAccount',
  'sendVerificationCode',
  'checkVerificationCode',
  'copyTemporaryPassword',
  'clipboardStatus',
  'forgetResetResult',
  'listAudit',
  'exportAudit',
  'saveFirstRunAccounts',
  'copyFirstRunPassword',
  'forgetFirstRunAccounts',
  'getSettings',
  'listDirectories',
  'saveDirectory',
  'removeDirectory',
  'testDirectory',
  'useDirectory',
  'listOutstandingTemporaryPasswords',
  'listOutbox',
  'checkPassword',
  'checkNewPassword',
  'getDeliveryChannels',
  'getDirectoryCopy',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * The methods main counts as the agent's activity: their handlers act for the
 * signed-in agent (session.requireActor), which pushes the idle lock back. The
 * others (getSession, clipboardStatus, forgetResetResult, sign-in itself…) do
 * not: a window's look (a refresh, a read on focus) never keeps a session
 * alive. The lock itself reaches the window as main's `session.ended` event,
 * so no front end times it; test/integration/ipc/dispatch.test.ts checks this
 * list against the handlers.
 */
export const ACTIVITY_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'searchUsers',
  'getUser',
  'preflightReset',
  'suggestPassword',
  'resetPassword',
  'unlockAccount',
  'sendVerificationCode',
  'checkVerificationCode',
  'copyTemporaryPassword',
  'listAudit',
  'exportAudit',
  'getSettings',
  'saveDirectory',
  'removeDirectory',
  'listOutstandingTemporaryPasswords',
  'checkPassword',
]);

/** The Electron channel name of a method. */
export const channelOf = (method: MethodName): string => `resetdesk:${method}`;

/** The method of a channel name, or null for anything else. */
export function methodOfChannel(channel: string): MethodName | null {
  const name = channel.startsWith('resetdesk:') ? channel.slice('resetdesk:'.length) : '';
  return (METHOD_NAMES as readonly string[]).includes(name) ? (name as MethodName) : null;
}
