/**
 * First run: creating the directory (the sample, or a connection to a real
 * one), and the ready accounts the first-run screen shows once.
 */
import { domainOfBaseDn } from '../app/open-services';
import type { Handlers } from './dispatch';
import { FIRST_RUN_FILE_NAME } from './first-run-accounts';
import type { HandlerContext } from './handler-context';

export function createFirstRunHandlers(ctx: HandlerContext): Pick<Handlers, 'createDirectory' | 'saveFirstRunAccounts' | 'copyFirstRunPassword' | 'forgetFirstRunAccounts'> {
  const { host } = ctx;

  return {
    createDirectory: async (plan) => {
      if (plan.kind === 'directory') {
        await host.createForProfile(plan.profile, plan.tenantName ?? plan.profile.name, domainOfBaseDn(plan.profile.baseDn));
        return { accounts: [] };
      }
      const accounts = await host.create(plan);
      // The sample comes with a local outbox: start it now, before the first code is sent.
      await ctx.outbox?.sync();
      // Kept (as Secrets) while the first-run screen is up, for Copy and Save to file….
      ctx.firstRun.keep(accounts);
      // The one place passwords go to the renderer: the first-run screen shows them once.
      return { accounts: accounts.map((a) => ({ ...a, password: a.password.reveal() })) };
    },
    // First run: nobody is signed in yet; these only reach the accounts the screen shows.
    saveFirstRunAccounts: async () => ctx.files.save(FIRST_RUN_FILE_NAME, ctx.firstRun.fileContent()),
    copyFirstRunPassword: async ({ upn }) => {
      const { clearsAt } = await ctx.clipboard.copy(ctx.firstRun.passwordOf(upn));
      return { clearsAt };
    },
    forgetFirstRunAccounts: async () => {
      ctx.firstRun.forget();
      return { forgotten: true };
    },
  };
}
