/**
 * Which of the tenant's delivery channels are set up, for the window: it
 * offers a code or an out-of-band password only by a channel that exists,
 * and says once, calmly, that users get no notices when there is no mail.
 * Read from the settings per call (a Global Administrator may change them
 * with `resetdesk delivery` while the app is open). A screen's look, not
 * the agent's activity: it does not hold off the idle lock.
 */
import type { DirectoryHost } from '../app/directory-host';
import { deliveryChannelsOf, type DeliveryChannels } from '../domain/delivery-settings';
import type { ReplicaStatus } from '../domain/replica-status';
import type { AgentSession } from './session';

export function createDeliveryHandlers({ host, session }: { host: DirectoryHost; session: AgentSession }) {
  return {
    getDeliveryChannels: async (): Promise<DeliveryChannels> => {
      session.currentActor();
      return deliveryChannelsOf((await host.require().stores.tenant.get()).delivery);
    },
    // The status bar's look, polled while a copy is read: not the agent's activity either.
    getDirectoryCopy: async (): Promise<ReplicaStatus | null> => {
      session.currentActor();
      return host.require().directory.replicaStatus?.() ?? null;
    },
  };
}
