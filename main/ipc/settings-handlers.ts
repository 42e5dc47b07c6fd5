/** What the app shows of itself: its state at start-up, and the settings view. */
import type { Handlers } from './dispatch';
import { appStateOf } from './directory-handlers';
import type { HandlerContext } from './handler-context';

export function createSettingsHandlers(ctx: HandlerContext): Pick<Handlers, 'getAppState' | 'getSettings'> {
  const { host, session } = ctx;
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  return {
    getAppState: () => appStateOf(host),
    getSettings: async () => {
      session.requireActor();
      const { stores, directory } = services();
      return {
        tenant: await stores.tenant.get(),
        directoryLocation: directory.location,
        idleLockMinutes: ctx.idleLockMinutes,
        clipboardClearSeconds: ctx.clipboard.clearAfterSeconds,
      };
    },
  };
}
