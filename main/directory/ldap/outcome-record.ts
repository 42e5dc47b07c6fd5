/**
 * The one outcome of an intent, as the process that sent the change records
 * it: the engine's audit after the modify (with what a lost answer's re-read
 * saw), written once the unit's work is done. Another process may have
 * settled the intent first (only once it could no longer be in flight): then
 * nothing is written, and an outcome that differs from ours is said, not
 * hidden. And the words an agent reads when an outcome is not known.
 */
import { DomainError } from '../../domain/errors';
import type { Stores } from '../../domain/stores';
import type { AuditDraft } from '../../domain/types';

/**
 * The directory took the change but the local file could not take its outcome
 * (a full or failing disk): the intent stays open, and is settled from the
 * directory like one a dead process left behind. Said so, not "nothing changed".
 */
function changedButNotRecorded(error: unknown): unknown {
  if (!(error instanceof DomainError) || (error.code !== 'LOCAL_FILE_FULL' && error.code !== 'LOCAL_FILE_IO')) return error;
  return new DomainError(
    error.code,
    'The directory did make the change, but Resetdesk could not record it: it will be recorded from the directory once the local file can be written. A temporary password it set is not shown: reset again then.',
  );
}

/** What an agent is told, besides DIRECTORY_OUTCOME_UNKNOWN's words, when a change's answer was lost. */
export const UNKNOWN_DETAIL: Partial<Record<AuditDraft['action'], string>> = {
  'password.reset': 'No temporary password is shown, as it may not be set: reset again if the user needs one now.',
  'account.unlock': 'Check whether the account is unlocked before telling the user.',
};

/** A detail JSON object with more facts (an object's keys kept; text that is not one kept under "detail"). */
export function withFacts(detail: string | null, facts: Record<string, unknown>): string | null {
  if (Object.keys(facts).length === 0) return detail;
  let parsed: unknown;
  try {
    parsed = detail === null ? {} : JSON.parse(detail);
  } catch {
    parsed = { detail };
  }
  const base = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { detail };
  return JSON.stringify({ ...base, ...facts });
}

/** Records the intent's outcome; throws when the local file could not take it, or another outcome stands. */
export async function recordOutcome(local: Pick<Stores, 'audit' | 'clock'>, draft: AuditDraft & { intentId: number }): Promise<void> {
  const standing = await local.audit.settle(draft, local.clock()).catch((error: unknown) => {
    throw draft.result === 'success' ? changedButNotRecorded(error) : error;
  });
  if (!standing.recorded && standing.outcome.result !== draft.result) {
    throw new DomainError(
      'DIRECTORY_OUTCOME_UNKNOWN',
      `Another Resetdesk recorded this change as ${standing.outcome.result === 'success' ? 'made' : 'not made'} before this one could (event ${standing.outcome.id}). Check the user in the directory.`,
    );
  }
}
