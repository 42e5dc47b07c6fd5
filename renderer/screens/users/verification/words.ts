/** The Verify caller panel's words, shared with the pane's pre-flight and the reset dialog's warning. */
import { METHOD_WORDS } from '../../../../main/domain/audit-facts';
import type { ContactMethod } from '../../../../main/domain/types';
import type { CallerStatus } from '../../../../main/ipc/contract';
import { formatTime } from '../../../format';

/** "Caller verified by SMS code at 7 Dec 2026, 10:42 (valid 10 min)": the time as every screen writes it. */
export function verifiedLine(v: CallerStatus['verified'][number]): string {
  const minutes = Math.round((Date.parse(v.validUntil) - Date.parse(v.verifiedAt)) / 60_000);
  return `Caller verified by ${METHOD_WORDS[v.method]} at ${formatTime(v.verifiedAt)} (valid ${minutes} min)`;
}

/** What the rule asks, before any click: "Verify the caller first (2 methods for administrators)". */
export function requirementLine(status: CallerStatus): string | null {
  if (status.level === 'none') return null;
  if (status.level === 'recommended') return 'Verifying the caller is recommended before a reset or unlock.';
  return status.methodsRequired > 1
    ? `Verify the caller first (${status.methodsRequired} methods for administrators)`
    : 'Verify the caller first (1 method)';
}

/** A user's verification methods by kind, from the masked contact methods main sent. */
export interface PanelMethods {
  email: string | null;
  sms: string | null;
  totp: string | null;
}

export function panelMethods(methods: readonly ContactMethod[]): PanelMethods {
  const found: PanelMethods = { email: null, sms: null, totp: null };
  for (const m of methods) {
    if (!m.verification) continue;
    if ((m.kind === 'alternateEmail' || m.kind === 'email') && found.email === null) found.email = m.value;
    if (m.kind === 'mobilePhone' && found.sms === null) found.sms = m.value;
    if (m.kind === 'authenticatorApp' && found.totp === null) found.totp = m.value ?? 'Authenticator app';
  }
  return found;
}
