/**
 * Where the temporary password goes: on this screen (the agent reads it out),
 * or straight to the user's registered phone or email, so the agent never
 * sees it. Only the channels the user has registered as verification methods
 * are offered; the masked value tells the agent which one ("+1 ••• ••• 0143").
 */
import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import type { PasswordDestination } from '../../../main/ipc/contract';
import type { RegisteredChannels } from './delivery-words';

const isDestination = (value: string): value is PasswordDestination => value === 'screen' || value === 'email' || value === 'sms';

interface Props {
  channels: RegisteredChannels;
  value: PasswordDestination;
  disabled: boolean;
  onChange(value: PasswordDestination): void;
}

export function PasswordDestinationChoice({ channels, value, disabled, onChange }: Props) {
  // Nothing registered: there is only the screen, and no choice to show.
  if (channels.email === null && channels.sms === null) return null;
  return (
    <Field label="Temporary password">
      <RadioGroup value={value} disabled={disabled} onChange={(_, data) => isDestination(data.value) && onChange(data.value)}>
        <Radio value="screen" label="Show the password" />
        {channels.sms !== null && <Radio value="sms" label={`Send it to the user's phone by SMS (${channels.sms})`} />}
        {channels.email !== null && <Radio value="email" label={`Send it to the user's email (${channels.email})`} />}
      </RadioGroup>
    </Field>
  );
}
