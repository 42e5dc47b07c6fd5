import type { Clock } from '../clock';
import type { DirectoryUser } from '../directory/types';
import { DomainError } from '../errors';
import type { Actor } from '../reset/engine';
import type { AgentInfo, SessionState } from './contract';

/**
 * The signed-in agent, held in main (never in the renderer), with an idle lock:
 * after `idleLockMinutes` without a request the session ends and the agent signs
 * in again. `onEnd` lets the owner forget secrets tied to the session (reset
 * results, the clipboard).
 */
export class AgentSession {
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #idleLockMinutes: number;
  readonly #onEnd: () => void;
  #agent: AgentInfo | null = null;
  #lastActivity = 0;

  constructor(options: { clock: Clock; idleLockMinutes: number; onEnd?: () => void }) {
    this.#clock = options.clock;
    this.#idleLockMinutes = options.idleLockMinutes;
    this.#idleMs = options.idleLockMinutes * 60_000;
    this.#onEnd = options.onEnd ?? (() => {});
  }

  begin(user: DirectoryUser): SessionState {
    this.end(); // another agent signing in must not inherit the previous one's results
    this.#agent = { id: user.id, upn: user.upn, displayName: user.displayName, roles: [...user.roles] };
    this.#lastActivity = this.#clock();
    return this.state();
  }

  end(): SessionState {
    if (this.#agent) {
      this.#agent = null;
      this.#onEnd();
    }
    return { status: 'signedOut' };
  }

  /** True when the idle lock ended the session (checked lazily, on the next request). */
  #expireIfIdle(): boolean {
    if (this.#agent && this.#clock() - this.#lastActivity >= this.#idleMs) {
      this.end();
      return true;
    }
    return false;
  }

  state(): SessionState {
    this.#expireIfIdle();
    return this.#agent
      ? { status: 'signedIn', agent: this.#agent, idleLockMinutes: this.#idleLockMinutes }
      : { status: 'signedOut' };
  }

  /** The acting agent for a request; refreshes the idle timer. */
  requireActor(): Actor {
    if (this.#expireIfIdle()) throw new DomainError('SESSION_LOCKED');
    if (!this.#agent) throw new DomainError('NOT_SIGNED_IN');
    this.#lastActivity = this.#clock();
    return { id: this.#agent.id, upn: this.#agent.upn, roles: this.#agent.roles };
  }
}
