import { DomainError } from '../domain/errors';
import { policySummary } from '../domain/password-policy';
import type { Actor } from '../reset/engine';
import type { DirectoryHost } from '../app/directory-host';
import type { PreflightResponse } from './contract';
import type { AgentSession } from './session';

/**
 * What several handler files share: running engine work as the signed-in
 * agent, and the preflight of a reset (the user pane and the reset both ask
 * it). Moved unchanged out of createHandlers' closure (handlers.ts).
 */
export interface AgentWork {
  asAgent<T>(work: (actor: Actor) => Promise<T>): Promise<T>;
  preflight(userId: string): Promise<PreflightResponse>;
}

export function createAgentWork({ host, session }: { host: DirectoryHost; session: AgentSession }): AgentWork {
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  /**
   * Runs engine work as the signed-in agent. The engine asks the directory
   * about the agent's own account inside every change; when it is disabled,
   * locked or has lost its roles, the session ends here, so the renderer goes
   * back to sign-in with that reason (call.ts counts the code as "session gone").
   */
  async function asAgent<T>(work: (actor: Actor) => Promise<T>): Promise<T> {
    const actor = session.requireActor();
    try {
      return await work(actor);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AGENT_ACCOUNT_UNUSABLE') session.end('accountUnusable');
      throw error;
    }
  }

  async function preflight(userId: string): Promise<PreflightResponse> {
    const { engine, stores } = services();
    const answer = await asAgent((actor) => engine.preflight(actor, { id: userId }));
    if (!answer.allowed) return answer;
    const policy = (await stores.tenant.get()).passwordPolicy;
    return { ...answer, policySummary: policySummary(policy), policy };
  }

  return { asAgent, preflight };
}
