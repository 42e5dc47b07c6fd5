/** The reset dialog's warning under a 'recommended' rule: the agent may go ahead, and the audit will say unverified. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { CallerStatus } from '../../../../main/ipc/contract';

export function UnverifiedWarning({ status }: { status: CallerStatus | undefined }) {
  if (!status || status.level !== 'recommended' || status.satisfied) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>The caller is not verified.</MessageBarTitle> Verifying the caller is recommended; this reset will be
        audited as unverified.
      </MessageBarBody>
    </MessageBar>
  );
}
