/**
 * Caller verification as the agent does it: send a code to one of the user's
 * verification methods, type what the caller reads back (or their
 * authenticator app's current code), and see the status. The same steps serve
 * the app's IPC handlers and the CLI; the state lives in the local file, so a
 * send and its check may be two processes.
 *
 * Only an agent who may reset the user may send them codes (otherwise any
 * agent could flood anyone's phone), decided by the engine's own pre-flight.
 * Every send and every check leaves one audit event: method, outcome, agent,
 * target, the masked destination; never the code.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, type ErrorCode } from '../../domain/errors';
import type { Stores, VerificationChallenge, VerificationUnit } from '../../domain/stores';
import type { Secret } from '../../domain/secret';
import type { AuditDraft, DirectoryUser, VerificationMethod } from '../../domain/types';
import type { UserDirectory, UserRef } from '../../directory/directory';
import { deliveryChannelsOf } from '../../domain/delivery-settings';
import type { Delivery, DeliveryOpener } from '../../delivery/delivery';
import type { SecretStore } from '../../secrets/secret-store';
import type { Actor, ResetEngine } from '../engine';
import type { CallerStatus } from '../guards';
import { assessCaller } from './caller-check';
import { CODE_LIFETIME_MS, MAX_WRONG_ENTRIES, generateCode, hmacOf, judgeCode, newSalt, type Pepper } from './codes';
import { pepperForCheck, pepperForSend } from './pepper';
import { TOTP_PERIOD_S, TOTP_WINDOW } from './totp-params';
import { unseal } from './sealing';
import { verificationCodeEmail, verificationCodeSms, type CodeMessage } from '../../delivery/messages';
import { methodsOf, offeredMethods, type OfferedMethods, type UserMethods } from './offered-methods';

export type CodeMethod = Exclude<VerificationMethod, 'totp'>;

export interface VerificationDeps {
  stores: Stores;
  directory: UserDirectory;
  engine: ResetEngine;
  delivery: DeliveryOpener;
  secrets: SecretStore;
}

export interface SentCode {
  sentTo: string;
  expiresAt: string;
}

const STEP_MS = TOTP_PERIOD_S * 1000;
/** At most this many codes per user and method in SEND_WINDOW_MS, whoever sends them. */
export const SENDS_PER_WINDOW = 5;
const SEND_WINDOW_MS = 3_600_000;
/** Why a pending code cannot be checked on this machine (codes.ts 'unkeyed'): the agent's way out is a new code. */
const UNKEYED = 'It was kept under a key this keychain does not hold (sent before an upgrade, or from another computer).';

/** What sends a code to `to` by its kind of method, or null when the tenant has no such channel. */
function courier(delivery: Delivery, to: NonNullable<UserMethods[CodeMethod]>): ((words: CodeMessage) => Promise<void>) | null {
  const { email, sms } = delivery;
  if ('address' in to) return email ? (words) => email.send(verificationCodeEmail([to.address], words)) : null;
  return sms ? (words) => sms.send(verificationCodeSms(to.number, words)) : null;
}

const METHOD_WORDS: Record<VerificationMethod, string> = { email: 'email address', sms: 'mobile phone', totp: 'authenticator app' };

export class VerificationService {
  readonly #deps: VerificationDeps;

  constructor(deps: VerificationDeps) {
    this.#deps = deps;
  }

  /**
   * The user's methods as the Verify caller panel offers them: masked, only
   * those that can work now (the tenant's channels as set up at this moment),
   * and the ones withheld with why (offered-methods.ts).
   */
  async methods(actor: Actor, user: Pick<DirectoryUser, 'id' | 'contactMethods'>): Promise<OfferedMethods> {
    const points = await this.#view(actor).contactPoints({ id: user.id });
    const channels = deliveryChannelsOf((await this.#deps.stores.tenant.get()).delivery);
    return offeredMethods(points ? methodsOf(points) : null, user.contactMethods, channels);
  }

  /** What the tenant asks for this user and what this agent has verified, as of now. */
  async status(actor: Actor, ref: UserRef): Promise<CallerStatus> {
    const user = await this.#user(actor, ref);
    const { stores } = this.#deps;
    return (await assessCaller(stores.verifications, actor, user, await stores.tenant.get(), stores.clock())).status;
  }

  /**
   * Sends a code, at most SENDS_PER_WINDOW per user and method in an hour,
   * whoever sends them. The count and the new challenge are one local unit
   * (one IMMEDIATE transaction: across processes on the file, the sends are
   * counted one at a time), and only then the code goes out; a send that
   * fails after that is withdrawn (it can never be checked) and still counts,
   * as Entra counts tries: a message whose answer was lost may have reached
   * the phone all the same. Refusals before that point (no such channel, no
   * keychain, the limit itself) send nothing and do not count.
   */
  async send(actor: Actor, ref: UserRef, method: CodeMethod): Promise<SentCode> {
    const { stores } = this.#deps;
    const user = await this.#allowedTarget(actor, ref, 'verification.send', method);
    const fail = (code: ErrorCode, detail?: string, extra: Record<string, unknown> = {}) =>
      this.#refuse(actor, user, 'verification.send', method, new DomainError(code, detail), extra);

    const points = await this.#view(actor).contactPoints({ id: user.id });
    const methods = points ? methodsOf(points) : null;
    const to = methods?.[method] ?? null;
    if (!to) return fail('VERIFICATION_METHOD_UNAVAILABLE', `${user.upn} has no registered ${METHOD_WORDS[method]}.`);
    const sentTo = to.masked;
    const refusedAs = (error: unknown): Promise<never> => {
      if (error instanceof DomainError) return fail(error.code, error.detail, { destination: sentTo });
      throw error;
    };

    const tenant = await stores.tenant.get();
    // No keychain, no code: never an HMAC the file alone could be searched against. Asked first:
    // without it no code can be made, whatever the channel would have said.
    const pepper = await pepperForSend(this.#deps.secrets, tenant.tenantId, (work) => stores.verifications.serialise(work)).catch(refusedAs);
    const delivery = await this.#deps.delivery(tenant).catch(refusedAs);
    try {
      const deliver = courier(delivery, to);
      if (!deliver) return await fail('DELIVERY_NOT_CONFIGURED', method === 'email' ? '(email)' : '(SMS)', { destination: sentTo });
      const code = generateCode();
      const reserved = await this.#reserve(actor, user, method, sentTo, code, pepper);
      if (!reserved) throw new DomainError('VERIFICATION_SEND_LIMIT');

      let failure: DomainError | null = null;
      try {
        await deliver({ tenantName: tenant.name, code });
      } catch (error) {
        failure = error instanceof DomainError ? error : new DomainError('DELIVERY_FAILED');
      }
      const facts = { method, destination: sentTo };
      await stores.verifications.unit(async (tx) => {
        if (failure) await tx.withdraw(reserved.id);
        await tx.audit(this.#draft(actor, user, 'verification.send', failure, facts));
      });
      if (failure) throw failure;
      return { sentTo, expiresAt: new Date(reserved.expiresAt).toISOString() };
    } finally {
      await delivery.close().catch(() => undefined);
    }
  }

  /**
   * Counts the codes sent to the user by this method in the last hour and, if
   * one more may go, records it (pending, its HMAC already made) in the same
   * unit; the clock starts here. At the limit, the refusal is audited there
   * instead and null returned.
   */
  #reserve(actor: Actor, user: DirectoryUser, method: CodeMethod, sentTo: string, code: Secret, pepper: Pepper) {
    const salt = newSalt();
    const codeHmac = hmacOf(code, salt, pepper);
    return this.#deps.stores.verifications.unit(async (tx): Promise<VerificationChallenge | null> => {
      // Entra blocks after 5 phone/SMS tries in an hour: a caller (or an agent) cannot flood the user's phone or mailbox.
      if ((await tx.sentSince(user.id, method, tx.now - SEND_WINDOW_MS)) >= SENDS_PER_WINDOW) {
        await tx.audit(this.#draft(actor, user, 'verification.send', new DomainError('VERIFICATION_SEND_LIMIT'), { method, destination: sentTo }));
        return null;
      }
      const challenge: VerificationChallenge = {
        id: randomUUID(),
        agentId: actor.id,
        targetId: user.id,
        targetUpn: user.upn,
        method,
        destination: sentTo,
        codeHmac,
        salt,
        createdAt: tx.now,
        expiresAt: tx.now + CODE_LIFETIME_MS,
        attempts: 0,
        status: 'pending',
        verifiedAt: null,
      };
      await tx.supersede(actor.id, user.id, method);
      await tx.insert(challenge);
      return challenge;
    });
  }

  /** Checks what the caller read back; answers the new status, or throws the VERIFICATION_* refusal (audited either way). */
  async check(actor: Actor, ref: UserRef, method: VerificationMethod, typed: Secret): Promise<CallerStatus> {
    const { stores } = this.#deps;
    const user = await this.#allowedTarget(actor, ref, 'verification.check', method);
    if (method === 'totp') await this.#checkTotp(actor, user, typed);
    else await this.#checkCode(actor, user, method, typed);
    return (await assessCaller(stores.verifications, actor, user, await stores.tenant.get(), stores.clock())).status;
  }

  async #checkCode(actor: Actor, user: DirectoryUser, method: CodeMethod, typed: Secret): Promise<void> {
    const { stores, secrets } = this.#deps;
    // The keychain is asked only when there is a pending code to check against.
    const pending = (await stores.verifications.latest(actor.id, user.id, method))?.status === 'pending';
    const pepper = !pending
      ? null
      : await pepperForCheck(secrets, (await stores.tenant.get()).tenantId).catch((error: unknown) => {
          if (error instanceof DomainError) return this.#refuse(actor, user, 'verification.check', method, error);
          throw error;
        });
    const error = await stores.verifications.unit(async (tx) => {
      const challenge = await tx.latest(actor.id, user.id, method);
      if (!challenge || !challenge.codeHmac || !challenge.salt) {
        return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_NOT_STARTED'));
      }
      const verdict = judgeCode(
        { codeHmac: challenge.codeHmac, salt: challenge.salt, expiresAt: challenge.expiresAt, attempts: challenge.attempts, status: challenge.status },
        typed,
        tx.now,
        pepper,
      );
      if (verdict.next) {
        await tx.update(challenge.id, { ...verdict.next, verifiedAt: verdict.next.status === 'verified' ? tx.now : null });
      }
      const facts = { method, destination: challenge.destination };
      switch (verdict.outcome) {
        case 'verified':
          await tx.audit(this.#draft(actor, user, 'verification.check', null, facts));
          return null;
        case 'wrong': {
          const left = `${verdict.triesLeft} ${verdict.triesLeft === 1 ? 'try' : 'tries'} left.`;
          return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_CODE_WRONG', left), {
            ...facts,
            triesLeft: verdict.triesLeft,
          });
        }
        case 'attempts-exceeded':
          return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_ATTEMPTS_EXCEEDED'), facts);
        case 'expired':
          return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_EXPIRED'), facts);
        case 'not-started':
          return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_NOT_STARTED'), facts);
        case 'unkeyed':
          return this.#auditRefusal(tx, actor, user, method, new DomainError('VERIFICATION_EXPIRED', UNKEYED), facts);
      }
    });
    if (error) throw error;
  }

  /**
   * An authenticator code: accepted within ±1 step and only for a step later
   * than the last one accepted for this user (by anyone: a code overheard from
   * another agent's call cannot be used again). Five wrong codes within 10
   * minutes end the attempt for this agent and user until those 10 minutes pass.
   */
  async #checkTotp(actor: Actor, user: DirectoryUser, typed: Secret): Promise<void> {
    const { stores, secrets } = this.#deps;
    const points = await this.#view(actor).contactPoints({ id: user.id });
    const authenticator = points?.authenticator ?? null;
    if (!authenticator) {
      const error = new DomainError('VERIFICATION_METHOD_UNAVAILABLE', `${user.upn} has no registered authenticator app.`);
      return this.#refuse(actor, user, 'verification.check', 'totp', error);
    }
    const secret = await unseal(authenticator.sealed, secrets, (await stores.tenant.get()).tenantId).catch((error: unknown) => {
      if (error instanceof DomainError) return this.#refuse(actor, user, 'verification.check', 'totp', error);
      throw error;
    });
    // otpauth is loaded here, on the first authenticator check, not with the CLI.
    const { acceptTotp } = await import('./totp');
    const error = await stores.verifications.unit(async (tx) => {
      const facts = { method: 'totp', destination: authenticator.label };
      const open = await tx.latest(actor.id, user.id, 'totp');
      const counting = open && open.status !== 'verified' && open.expiresAt >= tx.now ? open : null;
      if (counting?.status === 'failed') {
        return this.#auditRefusal(tx, actor, user, 'totp', new DomainError('VERIFICATION_ATTEMPTS_EXCEEDED'), facts);
      }
      const last = await tx.lastTotpSuccess(user.id);
      const step = acceptTotp(secret, typed, tx.now, last ? Math.floor(last.createdAt / STEP_MS) : null);
      if (step !== null) {
        if (counting) await tx.update(counting.id, { attempts: counting.attempts, status: 'superseded', verifiedAt: null });
        await tx.insert({
          ...this.#totpRow(actor, user, authenticator.label, tx.now),
          // The accepted code's own step: the next check refuses it and anything older.
          createdAt: step * STEP_MS,
          expiresAt: (step + 1 + TOTP_WINDOW) * STEP_MS,
          status: 'verified',
          verifiedAt: tx.now,
        });
        await tx.audit(this.#draft(actor, user, 'verification.check', null, facts));
        return null;
      }
      const attempts = (counting?.attempts ?? 0) + 1;
      const ended = attempts >= MAX_WRONG_ENTRIES;
      if (counting) await tx.update(counting.id, { attempts, status: ended ? 'failed' : 'pending', verifiedAt: null });
      else await tx.insert({ ...this.#totpRow(actor, user, authenticator.label, tx.now), attempts, status: ended ? 'failed' : 'pending' });
      if (ended) return this.#auditRefusal(tx, actor, user, 'totp', new DomainError('VERIFICATION_ATTEMPTS_EXCEEDED'), facts);
      const left = MAX_WRONG_ENTRIES - attempts;
      return this.#auditRefusal(
        tx,
        actor,
        user,
        'totp',
        new DomainError('VERIFICATION_CODE_WRONG', `${left} ${left === 1 ? 'try' : 'tries'} left.`),
        { ...facts, triesLeft: left },
      );
    });
    if (error) throw error;
  }

  #totpRow(actor: Actor, user: DirectoryUser, label: string, now: number): VerificationChallenge {
    return {
      id: randomUUID(),
      agentId: actor.id,
      targetId: user.id,
      targetUpn: user.upn,
      method: 'totp',
      destination: label,
      codeHmac: null,
      salt: null,
      createdAt: now,
      expiresAt: now + CODE_LIFETIME_MS,
      attempts: 0,
      status: 'pending',
      verifiedAt: null,
    };
  }

  #view(actor: Actor) {
    return this.#deps.directory.as(actor.credential ?? null);
  }

  async #user(actor: Actor, ref: UserRef): Promise<DirectoryUser> {
    const user = await this.#view(actor).getUser(ref);
    if (!user) throw new DomainError('USER_NOT_FOUND');
    return user;
  }

  /**
   * The user, when this agent may reset them: the engine's pre-flight decides
   * (roles, the agent's own account); its only acceptable refusal here is the
   * missing verification itself.
   */
  async #allowedTarget(actor: Actor, ref: UserRef, action: AuditDraft['action'], method: VerificationMethod): Promise<DirectoryUser> {
    const user = await this.#view(actor).getUser(ref);
    if (!user) {
      const error = new DomainError('USER_NOT_FOUND');
      await this.#deps.stores.audit.append(
        { ...this.#draft(actor, null, action, error, { method }), targetUpn: 'upn' in ref ? ref.upn : null, targetId: 'id' in ref ? ref.id : null },
        this.#deps.stores.clock(),
      );
      throw error;
    }
    const pre = await this.#deps.engine.preflight(actor, { id: user.id });
    if (!pre.allowed && pre.code !== 'CALLER_NOT_VERIFIED') {
      return this.#refuse(actor, user, action, method, new DomainError(pre.code));
    }
    return user;
  }

  async #refuse(
    actor: Actor,
    user: DirectoryUser,
    action: AuditDraft['action'],
    method: VerificationMethod,
    error: DomainError,
    extra: Record<string, unknown> = {},
  ): Promise<never> {
    await this.#deps.stores.verifications.unit(async (tx) => tx.audit(this.#draft(actor, user, action, error, { method, ...extra })));
    throw error;
  }

  async #auditRefusal(
    tx: VerificationUnit,
    actor: Actor,
    user: DirectoryUser,
    method: VerificationMethod,
    error: DomainError,
    facts: Record<string, unknown> = { method },
  ): Promise<DomainError> {
    await tx.audit(this.#draft(actor, user, 'verification.check', error, { method, ...facts }));
    return error;
  }

  #draft(
    actor: Actor,
    user: Pick<DirectoryUser, 'id' | 'upn'> | null,
    action: AuditDraft['action'],
    error: DomainError | null,
    facts: Record<string, unknown>,
  ): AuditDraft {
    return {
      actorId: actor.id,
      actorUpn: actor.upn,
      targetId: user?.id ?? null,
      targetUpn: user?.upn ?? null,
      action,
      result: error ? 'failure' : 'success',
      errorCode: error?.code ?? null,
      detail: JSON.stringify(facts),
    };
  }
}
