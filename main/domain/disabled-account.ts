/**
 * A disabled account stays disabled after a password reset or an unlock
 * (Entra behaves the same: neither sets accountEnabled). The agent is told
 * before the click and after it, in the app and by the CLI, in these words.
 */
export type AccountChange = 'reset' | 'unlock';

/** The title the dialog, the result and the pane give the notice. */
export const DISABLED_TITLE = 'This account is disabled.';

const UNTIL = 'the user cannot sign in until an administrator enables it.';

/** Before the click: what the change will not do. */
export function disabledBefore(change: AccountChange): string {
  return `${change === 'reset' ? 'Resetting the password' : 'Unlocking'} does not enable the account: ${UNTIL}`;
}

/** After it: what is still true. */
export function disabledAfter(change: AccountChange): string {
  return `The account is still disabled: the ${change} did not enable it, and ${UNTIL}`;
}
