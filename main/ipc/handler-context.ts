import type { DirectoryHost } from '../app/directory-host';
import type { OutboxControl } from '../app/outbox-host';
import type { ClipboardGuard } from './clipboard-guard';
import type { FileSaver } from './file-saver';
import type { FirstRunAccounts } from './first-run-accounts';
import type { ResetResults } from './reset-results';
import type { AgentSession } from './session';

/** What the handlers work on (createHandlers, handlers.ts, passes it to each area's handlers). */
export interface HandlerContext {
  host: DirectoryHost;
  session: AgentSession;
  results: ResetResults;
  clipboard: ClipboardGuard;
  files: FileSaver;
  firstRun: FirstRunAccounts;
  idleLockMinutes: number;
  /** The sample's local outbox the app runs (absent: listOutbox answers 'none'). */
  outbox?: OutboxControl | undefined;
}
