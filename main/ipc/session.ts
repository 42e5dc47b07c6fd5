import type { Clock } from '../domain/clock';
import type { DirectoryUser } from '../domain/types';
import { DomainError } from '../domain/errors';
import type { Actor } from '../reset/engine';
import type { AgentAccount, AgentCredential } from '../directory/directory';
import { rightsOf } from '../reset/read-rights';
import type { AgentInfo, SessionEndReason, SessionState } from './contract';
import { realTimers, type TimerPort } from './timers';

/**
 * The signed-in agent, held in main (never in the renderer), with an idle lock:
 * after `idleLockMinutes` without a request the session ends and the agent signs
 * in again. `onEnd` lets the owner forget secrets tied to the session (reset
 * results, the clipboard) and tell the window why it ended (the idle lock's
 * timer runs here alone); its asynchronous part is awaited by `settled()`.
 *
 * The lock is enforced twice: on the next request (so no request is ever served
 * past the due time, whatever the timers do) and by a timer, so the session's
 * secrets are dropped on time even when no request comes (a hidden or hung
 * window would otherwise leave a temporary password on the clipboard).
 */
export class AgentSession {
  readonly #clock: Clock;
  readonly #timers: TimerPort;
  readonly #idleMs: number;
  readonly #idleLockMinutes: number;
  readonly #onEnd: (why: SessionEndReason) => void | Promise<void>;
  #agent: AgentInfo | null = null;
  /** How the directory lets this agent act (an LDAP bind); forgotten when the session ends. */
  #credential: AgentCredential | null = null;
  #lastActivity = 0;
  #lockTimer: unknown = null;
  /** The last session ended by the idle lock (not by signing out): later requests say so. */
  #lockedOut = false;
  #ending: Promise<void> = Promise.resolve();
  /** Who was just told to change their password (the right one was typed), and when: the live check of the new one is theirs only. */
  #changeRequired: { upn: string; at: number } | null = null;
  /** What the directory last said of the agent's own account, and when it was asked (sign-in is the first answer). */
  #account: { state: Promise<AgentAccount | null>; at: number } | null = null;

  constructor(options: { clock: Clock; idleLockMinutes: number; timers?: TimerPort; onEnd?: (why: SessionEndReason) => void | Promise<void> }) {
    this.#clock = options.clock;
    this.#timers = options.timers ?? realTimers;
    this.#idleLockMinutes = options.idleLockMinutes;
    this.#idleMs = options.idleLockMinutes * 60_000;
    this.#onEnd = options.onEnd ?? (() => {});
  }

  begin(user: DirectoryUser, credential: AgentCredential | null = null): SessionState {
    this.end('signIn'); // another agent signing in must not inherit the previous one's results
    this.#agent = { id: user.id, upn: user.upn, displayName: user.displayName, roles: [...user.roles], may: rightsOf(user.roles) };
    this.#credential = credential;
    this.#lastActivity = this.#clock();
    this.#account = { state: Promise.resolve({ enabled: user.enabled, locked: user.locked, roles: [...user.roles] }), at: this.#lastActivity };
    this.#armLock(this.#idleMs);
    return this.state();
  }

  /** Ends the session (if any) for `why`; the agent signing out unless said. */
  end(why: SessionEndReason = 'signedOut'): SessionState {
    this.#disarmLock();
    this.#lockedOut = false;
    this.#credential = null;
    this.#changeRequired = null;
    this.#account = null;
    if (this.#agent) {
      this.#agent = null;
      // Synchronous clean-up (forgetting results) happens here; the rest is awaited by settled().
      this.#ending = Promise.resolve(this.#onEnd(why)).catch(() => {});
    }
    return { status: 'signedOut' };
  }

  /** A sign-in answered "change your password first" for this UPN: any session ends, the change screen follows. */
  changeRequired(upn: string): void {
    this.end('signIn');
    this.#changeRequired = { upn: upn.toLowerCase(), at: this.#clock() };
  }

  /** True while the change screen of this UPN is up (for at most the idle lock's time, like a session). */
  isChangeRequiredFor(upn: string): boolean {
    const pending = this.#changeRequired;
    return pending !== null && pending.upn === upn.toLowerCase() && this.#clock() - pending.at < this.#idleMs;
  }

  /** Resolves when the clean-up of the last ended session (e.g. the clipboard clear) is done. */
  settled(): Promise<void> {
    return this.#ending;
  }

  /** True when the idle lock ended the session. */
  #expireIfIdle(): boolean {
    if (this.#agent && this.#clock() - this.#lastActivity >= this.#idleMs) {
      this.end('idleLock');
      this.#lockedOut = true;
      return true;
    }
    return false;
  }

  #armLock(ms: number): void {
    this.#disarmLock();
    this.#lockTimer = this.#timers.set(() => this.#lockIfDue(), Math.max(0, ms));
  }

  #disarmLock(): void {
    if (this.#lockTimer !== null) this.#timers.cancel(this.#lockTimer);
    this.#lockTimer = null;
  }

  /**
   * The timer does not follow every request: when it fires early (activity came
   * since it was set), it is set again for the time still left.
   */
  #lockIfDue(): void {
    this.#lockTimer = null;
    if (!this.#agent || this.#expireIfIdle()) return;
    this.#armLock(this.#lastActivity + this.#idleMs - this.#clock());
  }

  state(): SessionState {
    this.#expireIfIdle();
    return this.#agent
      ? { status: 'signedIn', agent: this.#agent, idleLockMinutes: this.#idleLockMinutes }
      : { status: 'signedOut' };
  }

  /** The acting agent for a request; refreshes the idle timer. */
  requireActor(): Actor {
    const actor = this.currentActor();
    this.#lastActivity = this.#clock();
    return actor;
  }

  /** The signed-in agent, refused like requireActor, without counting as activity (a gate's look, a screen's refresh). */
  currentActor(): Actor {
    // Locked whether this request or the timer noticed it: the window offers the same agent's form.
    if (this.#expireIfIdle() || (!this.#agent && this.#lockedOut)) throw new DomainError('SESSION_LOCKED');
    if (!this.#agent) throw new DomainError('NOT_SIGNED_IN');
    return { id: this.#agent.id, upn: this.#agent.upn, roles: this.#agent.roles, credential: this.#credential };
  }

  /**
   * The agent's own account as the directory told it at most `maxAgeMs` ago;
   * older, `read` asks the directory again. Calls that arrive while it asks
   * wait for the same answer (one read, not one per call), and a read that
   * failed is not kept. Forgotten when the session ends.
   */
  ownAccount(maxAgeMs: number, read: () => Promise<AgentAccount | null>): Promise<AgentAccount | null> {
    const now = this.#clock();
    const known = this.#account;
    if (known && now - known.at < maxAgeMs) return known.state;
    const entry = { state: read(), at: now };
    this.#account = entry;
    entry.state.catch(() => {
      if (this.#account === entry) this.#account = null;
    });
    return entry.state;
  }
}
