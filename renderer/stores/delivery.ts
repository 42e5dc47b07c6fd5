/**
 * Which delivery channels the tenant has set up (mail, SMS), as main reads
 * them from the settings: the window offers a code or an out-of-band
 * password only by a channel that exists, and says once, calmly, that users
 * get no notices when there is no mail. The agent may put that notice away;
 * it stays away for them (by UPN) until the app is closed, an idle lock and
 * sign-in again included, and comes back for another agent at the desk.
 */
import { create } from 'zustand';
import type { DeliveryChannels } from '../../main/ipc/contract';
import { call } from './call';
import { onSessionEnd } from './session';

interface DeliveryStore {
  /** null: not known yet (or main could not say): nothing is withheld on that account. */
  channels: DeliveryChannels | null;
  /** The agents (UPN, lower case) who put the "notices are off" notice away. */
  dismissed: readonly string[];
  load(): Promise<void>;
  dismiss(upn: string): void;
}

let asked = 0;

export const useDelivery = create<DeliveryStore>()((set, get) => ({
  channels: null,
  dismissed: [],
  async load() {
    const ticket = ++asked;
    try {
      const channels = await call('getDeliveryChannels', {});
      if (ticket === asked) set({ channels });
    } catch {
      // Not known: main still refuses a channel that is off, with its own words, when asked to use it.
      if (ticket === asked) set({ channels: null });
    }
  },
  dismiss(upn) {
    const key = upn.toLowerCase();
    if (!get().dismissed.includes(key)) set({ dismissed: [...get().dismissed, key] });
  },
}));

// A Global Administrator may have changed the settings meanwhile: the next session asks again.
onSessionEnd(() => {
  asked++;
  useDelivery.setState({ channels: null });
});
