/**
 * A disabled account stays disabled after a reset or an unlock (as in Entra):
 * said before the click (the reset dialog, the unlock confirmation) and after
 * it (the result, the pane), in the words the CLI prints too.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DISABLED_TITLE, disabledAfter, disabledBefore, type AccountChange } from '../../../main/domain/disabled-account';

interface Props {
  change: AccountChange;
  when: 'before' | 'after';
}

export function DisabledAccountNotice({ change, when }: Props) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{DISABLED_TITLE}</MessageBarTitle> {when === 'before' ? disabledBefore(change) : disabledAfter(change)}
      </MessageBarBody>
    </MessageBar>
  );
}
