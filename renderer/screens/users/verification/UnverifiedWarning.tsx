/**
 * The warning before a reset or an unlock the caller check recommends and the
 * agent has not done: the agent may go ahead, and the audit will say
 * unverified. Shown where the shared rule (main/domain/caller-check.ts) asks
 * for a confirmation, so reset and unlock warn alike.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { callerCheckAsks } from '../../../../main/domain/caller-check';
import type { AccountChange } from '../../../../main/domain/disabled-account';
import type { CallerStatus } from '../../../../main/ipc/contract';

export function UnverifiedWarning({ status, change }: { status: CallerStatus | undefined; change: AccountChange }) {
  if (callerCheckAsks(status) !== 'confirm') return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>The caller is not verified.</MessageBarTitle> Verifying the caller is recommended; this {change} will be
        audited as unverified.
      </MessageBarBody>
    </MessageBar>
  );
}
