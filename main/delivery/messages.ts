/**
 * The texts Resetdesk sends: one-time codes to callers, Entra's notifications
 * (to the user after a reset or unlock by the helpdesk, to every Global
 * Administrator after an administrator's reset) and temporary passwords sent
 * out of band. Pure functions; each names the tenant so a user can tell a real
 * message from a phishing one. A body that holds a code or a password is a
 * Secret, so no log line or error can print it by accident.
 */
import { Secret } from '../domain/secret';
import type { OutgoingEmail, OutgoingSms } from './delivery';

/** Matches main/reset's code lifetime; said in the message so the caller knows. */
export const CODE_VALIDITY_MINUTES = 10;

export interface Person {
  displayName: string;
  upn: string;
}

/** "2026-12-01 14:05 UTC": one unambiguous form for every reader, whatever their time zone. */
export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function codeSentence(code: Secret, tenantName: string): string {
  return (
    `${code.reveal()} is your ${tenantName} verification code. ` +
    'A helpdesk agent asked for it while you are on the phone with them: read it to them only if you called the helpdesk. ' +
    `It expires in ${CODE_VALIDITY_MINUTES} minutes.`
  );
}

export interface CodeMessage {
  tenantName: string;
  code: Secret;
}

export function verificationCodeEmail(to: readonly string[], m: CodeMessage): OutgoingEmail {
  return {
    to,
    subject: `Your ${m.tenantName} verification code`,
    text: new Secret(
      `${codeSentence(m.code, m.tenantName)}\n\n` +
        `If you did not call the helpdesk, do not give this code to anyone, and tell ${m.tenantName}'s helpdesk or security team.`,
    ),
  };
}

export function verificationCodeSms(to: string, m: CodeMessage): OutgoingSms {
  return { to, text: new Secret(codeSentence(m.code, m.tenantName)) };
}

export interface ChangeNotice {
  tenantName: string;
  /** The user whose account changed. */
  user: Person;
  /** The helpdesk agent who made the change. */
  agent: Person;
  at: Date;
}

function didNotAsk(tenantName: string): string {
  return (
    `If you did not ask for this, contact ${tenantName}'s helpdesk or security team at once: ` +
    'someone else may be trying to take over your account.'
  );
}

/** To the user (primary and alternate email, else the UPN) after a helpdesk reset, as Entra notifies. */
export function resetNoticeEmail(to: readonly string[], n: ChangeNotice): OutgoingEmail {
  return {
    to,
    subject: `Your ${n.tenantName} password was reset`,
    text: [
      `Hello ${n.user.displayName},`,
      '',
      `The password of your ${n.tenantName} account ${n.user.upn} was reset by the helpdesk.`,
      `Reset by: ${n.agent.displayName} (${n.agent.upn})`,
      `When: ${utcTime(n.at)}`,
      '',
      'You will be asked to choose a new password when you next sign in with the temporary one.',
      '',
      didNotAsk(n.tenantName),
    ].join('\n'),
  };
}

/** To the user after the helpdesk unlocked their account. */
export function unlockNoticeEmail(to: readonly string[], n: ChangeNotice): OutgoingEmail {
  return {
    to,
    subject: `Your ${n.tenantName} account was unlocked`,
    text: [
      `Hello ${n.user.displayName},`,
      '',
      `Your ${n.tenantName} account ${n.user.upn} was unlocked by the helpdesk. Your password did not change.`,
      `Unlocked by: ${n.agent.displayName} (${n.agent.upn})`,
      `When: ${utcTime(n.at)}`,
      '',
      didNotAsk(n.tenantName),
    ].join('\n'),
  };
}

export interface AdminResetNotice extends ChangeNotice {
  /** The administrator's roles, by display name. */
  roles: readonly string[];
}

/** To every Global Administrator when an administrator's password is reset. */
export function adminResetNoticeEmail(to: readonly string[], n: AdminResetNotice): OutgoingEmail {
  return {
    to,
    subject: `${n.tenantName}: an administrator's password was reset`,
    text: [
      `The password of an administrator of ${n.tenantName} was reset by the helpdesk.`,
      '',
      `Administrator: ${n.user.displayName} (${n.user.upn})`,
      `Roles: ${n.roles.length > 0 ? n.roles.join(', ') : '(none)'}`,
      `Reset by: ${n.agent.displayName} (${n.agent.upn})`,
      `When: ${utcTime(n.at)}`,
      '',
      'If this reset was not expected, check it with the administrator and the helpdesk at once, ' +
        'and review the audit trail in Resetdesk.',
    ].join('\n'),
  };
}

export interface PasswordMessage {
  tenantName: string;
  user: Person;
  password: Secret;
}

/** The temporary password sent straight to the user, so the agent never sees it. */
export function temporaryPasswordEmail(to: readonly string[], m: PasswordMessage): OutgoingEmail {
  return {
    to,
    subject: `Your ${m.tenantName} temporary password`,
    text: new Secret(
      [
        `Hello ${m.user.displayName},`,
        '',
        `The helpdesk reset the password of your ${m.tenantName} account ${m.user.upn}.`,
        `Temporary password: ${m.password.reveal()}`,
        '',
        'Sign in with it and choose a new password when asked. Do not share it with anyone, the helpdesk included.',
        '',
        didNotAsk(m.tenantName),
      ].join('\n'),
    ),
  };
}

export function temporaryPasswordSms(to: string, m: Omit<PasswordMessage, 'user'>): OutgoingSms {
  return {
    to,
    text: new Secret(
      `${m.tenantName} temporary password: ${m.password.reveal()} . Sign in and choose a new one. Do not share it.`,
    ),
  };
}
