/** The live line after "Copy": a countdown to main's clear, then its confirmation. */
import type { ClipboardPhase } from '../../stores/resetFlow';
import { useNow } from './useNow';

interface Props {
  phase: ClipboardPhase;
  clearsAt: number | null;
  className?: string;
}

export function clipboardText(phase: ClipboardPhase, clearsAt: number | null, now: number): string {
  if (phase === 'cleared') return 'Clipboard cleared';
  if (phase === 'counting' && clearsAt !== null) {
    // The time is up: main is clearing it, and says so when it has (clipboard.changed).
    if (now >= clearsAt) return 'Copied. Clearing the clipboard now.';
    return `Copied. Clears in ${Math.ceil((clearsAt - now) / 1000)} s`;
  }
  return '';
}

export function ClipboardState({ phase, clearsAt, className }: Props) {
  const now = useNow(phase === 'counting');
  return (
    <span role="status" className={className}>
      {/* The tick may be a moment old when counting starts: never show more than is left. */}
      {clipboardText(phase, clearsAt, Math.max(now, Date.now()))}
    </span>
  );
}
