/**
 * What the tenant's caller check asks of one reset or one unlock, from what
 * main found (main/reset/guards.ts CallerStatus). One rule for both actions,
 * read by main (which refuses) and by the window (which warns and asks before
 * the click, or shows the refusal), so the screen can never say less than
 * main will do.
 *
 * - 'nothing': the rule is off, or the caller is verified enough;
 * - 'confirm': the rule recommends a check that was not done: the agent is
 *   warned and confirms, and the change is audited as unverified;
 * - 'refuse':  the rule requires more than was verified (CALLER_NOT_VERIFIED).
 */
export type CallerCheckAsk = 'nothing' | 'confirm' | 'refuse';

/** The part of a caller status the rule reads. */
export interface CallerCheckState {
  level: 'none' | 'recommended' | 'required';
  satisfied: boolean;
}

export function callerCheckAsks(status: CallerCheckState | null | undefined): CallerCheckAsk {
  if (!status || status.level === 'none' || status.satisfied) return 'nothing';
  return status.level === 'required' ? 'refuse' : 'confirm';
}
