/**
 * Registering a user's authenticator app (embedded directory only: an LDAP
 * directory has no place for a TOTP secret Resetdesk could read). Whoever may
 * reset the user may edit their methods, as Entra allows; the engine's
 * pre-flight decides. The caller must be verified first by a method already
 * registered, even where the tenant only recommends verification for resets:
 * "I have a new phone, register my app" is the classic first step of a
 * takeover, and an impostor's authenticator would pass every later check. Only
 * the rule 'off' waives it. The secret is sealed before it is stored and
 * returned once, inside the otpauth:// URI, for the user's app; nothing shows
 * it again. Allowed or refused, one audit event.
 */
import { DomainError, ERROR_MESSAGES } from '../../domain/errors';
import type { Secret } from '../../domain/secret';
import type { UserRef } from '../../directory/directory';
import type { SecretStore } from '../../secrets/secret-store';
import type { Actor, ResetEngine } from '../engine';
import type { AuditLog } from '../../domain/stores';
import { newTotpSecret, provisioningUri } from './totp';
import { seal } from './sealing';

export interface AuthenticatorRegistry {
  registerAuthenticator(ref: UserRef, label: string, sealed: string): Promise<void>;
}

export async function registerAuthenticator(
  deps: {
    engine: ResetEngine;
    secrets: SecretStore;
    tenantId: string;
    registry: AuthenticatorRegistry;
    audit: AuditLog;
    clock: () => number;
  },
  actor: Actor,
  upn: string,
  label: string,
): Promise<Secret> {
  const record = (error: DomainError | null) =>
    deps.audit.append(
      {
        actorId: actor.id,
        actorUpn: actor.upn,
        targetId: null,
        targetUpn: upn,
        action: 'verification.register',
        result: error ? 'failure' : 'success',
        errorCode: error?.code ?? null,
        detail: JSON.stringify({ method: 'totp', label }),
      },
      deps.clock(),
    );
  try {
    const pre = await deps.engine.preflight(actor, { upn });
    if (!pre.allowed) {
      const detail = pre.message.slice(ERROR_MESSAGES[pre.code].length).trim();
      throw new DomainError(pre.code, detail || undefined);
    }
    // Where the rule requires verification the pre-flight has refused already; where it only recommends it, registering still needs it.
    const caller = pre.verification;
    if (caller?.level === 'recommended' && caller.verified.length === 0) {
      throw new DomainError(
        'CALLER_NOT_VERIFIED',
        'A new authenticator app is registered only for a caller verified by a method the user already has.',
      );
    }
    const secret = newTotpSecret();
    const sealed = await seal(secret, deps.secrets, deps.tenantId);
    await deps.registry.registerAuthenticator({ upn }, label, sealed);
    await record(null);
    return provisioningUri(secret, upn);
  } catch (error) {
    if (error instanceof DomainError) await record(error);
    throw error;
  }
}
