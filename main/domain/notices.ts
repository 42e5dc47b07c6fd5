/**
 * What follows a helpdesk change as every boundary shows it (the IPC
 * responses, the CLI's JSON): the messages sent after a reset or unlock, and
 * where a temporary password goes. Here, at the bottom, because main/app
 * builds them and main/ipc sends them on.
 */
import type { ErrorPayload } from './errors';

/** What a message after a reset or unlock is: Entra's notices, or the temporary password sent out of band. */
export const NOTICE_KINDS = ['user-notice', 'admin-notice', 'temporary-password'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Where the temporary password goes: on the agent's screen, or straight to the user's registered email or phone. */
export const PASSWORD_DESTINATIONS = ['screen', 'email', 'sms'] as const;
export type PasswordDestination = (typeof PASSWORD_DESTINATIONS)[number];

/**
 * One message sent (or not) after a reset or unlock, as the agent sees it. A
 * failed one never undid the change; it is audited like a sent one. `to` is
 * masked (a•••@contoso.com, +1 ••• ••• 0143); the text is never here.
 */
export interface NoticeResult {
  kind: NoticeKind;
  channel: 'email' | 'sms';
  to: string;
  delivered: boolean;
  error: ErrorPayload | null;
}
