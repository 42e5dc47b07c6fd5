import { testDirectory } from '../app/directory-test';
import type { DirectoryHost } from '../app/directory-host';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { globalAdministratorRefusal } from '../services';
import type { AppState, DirectoriesView, ValidRequestOf } from './contract';
import type { AgentSession } from './session';

export interface DirectoryHandlerContext {
  host: DirectoryHost;
  session: AgentSession;
}

/**
 * The Directories screen's calls. Reading the profiles needs no sign-in (the
 * sign-in screen names the directory and may switch among the stored ones: a
 * sign-in is always to the directory that answers it). Adding, changing or
 * removing a profile, and testing one, is a Global Administrator's change,
 * asked of the directory now and audited; at first run, before any file or
 * administrator exists, the person installing may test and create the first.
 */
export function createDirectoryHandlers(ctx: DirectoryHandlerContext) {
  const { host, session } = ctx;

  const view = (): DirectoriesView => ({ active: host.active?.name ?? null, profiles: host.profiles() });

  async function asGlobalAdministrator(what: string, detail: Record<string, unknown>, change: () => void): Promise<void> {
    const services = host.require();
    const actor = session.requireActor();
    const reason = await globalAdministratorRefusal(services, actor, what);
    const draft = {
      actorId: actor.id,
      actorUpn: actor.upn,
      targetId: null,
      targetUpn: null,
      action: 'directory.update',
      errorCode: reason?.code ?? null,
      detail: JSON.stringify(detail),
    } as const;
    if (!reason) {
      try {
        change();
      } catch (error) {
        if (error instanceof DomainError) services.local.audit.append({ ...draft, result: 'failure', errorCode: error.code }, services.local.clock());
        throw error;
      }
    }
    services.local.audit.append({ ...draft, result: reason ? 'failure' : 'success' }, services.local.clock());
    if (reason) throw reason;
  }

  return {
    listDirectories: async (): Promise<DirectoriesView> => (host.services ? view() : { active: null, profiles: [] }),
    saveDirectory: async ({ profile, replace }: ValidRequestOf<'saveDirectory'>): Promise<DirectoriesView> => {
      await asGlobalAdministrator('change directory connections', { saved: profile.name, replace }, () =>
        host.saveProfile(profile, replace),
      );
      return view();
    },
    removeDirectory: async ({ name }: ValidRequestOf<'removeDirectory'>): Promise<DirectoriesView> => {
      await asGlobalAdministrator('change directory connections', { removed: name }, () => host.removeProfile(name));
      return view();
    },
    testDirectory: async ({ profile, upn, password }: ValidRequestOf<'testDirectory'>) => {
      if (host.services) {
        const reason = await globalAdministratorRefusal(host.services, session.requireActor(), 'test directory connections');
        if (reason) throw reason;
      }
      // Against the candidate profile, audited in the local file like any sign-in.
      const candidate = host.candidate(profile);
      try {
        return { steps: await testDirectory(candidate.services, upn, new Secret(password)) };
      } finally {
        await candidate.close();
      }
    },
    useDirectory: async ({ name }: ValidRequestOf<'useDirectory'>): Promise<AppState> => {
      host.require();
      // A sign-in belongs to the directory that answered it.
      session.end();
      await session.settled();
      await host.use(name);
      return appStateOf(host);
    },
  };
}

export function appStateOf(host: DirectoryHost): AppState {
  const local = host.services?.local;
  const active = host.active;
  return {
    directory: local ? 'ready' : 'missing',
    location: host.location,
    tenantName: local?.tenant.get().name ?? null,
    directoryKind: active?.kind ?? null,
    directoryName: active?.name ?? null,
    directoryLocation: active?.location ?? null,
  };
}
