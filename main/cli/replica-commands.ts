/**
 * The CLI's side of a real directory's local replica (issue 18):
 * `directory sync NAME [--full] --as AGENT` brings the copy up to date in this
 * process (a one-shot command has no window to keep answering), and
 * `users search` on a real directory answers from the copy when there is one.
 *
 * Who may sync: any agent of that directory whose roles may search its users
 * (read-rights.ts 'users': the roles that reset, and Global Reader). A sync
 * only reads the directory, as the agent's own bind (or the profile's service
 * account, as the app's sync does), and writes only the copy that search
 * reads; so it asks no more than `users search` does, and changes no setting
 * (connections are a Global Administrator's).
 */
import { ldapUsers, loadProfile } from '../app/ldap-users';
import { buildServices } from '../app/build-services';
import { cliServiceOptions } from './service-options';
import { replicaSearch, syncOnce } from '../app/replica/sync-once';
import type { DirectoryView } from '../directory/directory';
import { ReplicaStore } from '../directory/sqlite/replica-store';
import { DirectoryStore } from '../directory/sqlite/store';
import type { SearchPage, SearchResults } from '../domain/types';
import type { UserFilter } from '../domain/user-filter';
import { resolveDbPath } from '../app/paths';
import { requireRead } from '../reset/read-rights';
import { closeServices, type Services } from '../app/services';
import { positional } from './args';
import { agentFor, type CommandContext, type CommandOutput } from './context';
import { searchText } from './format';
import { searchSourceText, syncJson, syncProgressText, syncText, type SearchSource } from './replica-format';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

const sync: Command = async (ctx) => {
  const name = positional(ctx.args, 2, 'the directory name');
  const store = DirectoryStore.open(resolveDbPath(ctx.args.options.db, ctx.io.env));
  let services: Services | null = null;
  try {
    const profile = await loadProfile(store, name);
    // The agent signs in as every command with --as does (audited); the sync then binds as the app's would.
    services = buildServices(store, ldapUsers(profile), cliServiceOptions(ctx));
    const actor = await agentFor(ctx, services);
    requireRead('users', actor.roles);
    const progress = progressLine(ctx, profile.name);
    // The sync binds as the profile's provider declares (services.directory: the service account, or this agent).
    const report = await syncOnce(store, profile, services.directory, actor.credential ?? null, {
      ...(ctx.args.options.full ? { full: true } : {}),
      ...(progress ? { progress: progress.show } : {}),
    }).finally(() => progress?.clear());
    return { json: syncJson(profile.name, report), text: syncText(profile.name, report) };
  } finally {
    if (services) await closeServices(services);
    else store.close();
  }
};

/** "Reading the directory: 42,000 users so far", rewritten in place on stderr, only when stderr is a terminal. */
function progressLine(ctx: CommandContext, directory: string) {
  if (!ctx.io.stderrIsTerminal) return null;
  let shown = false;
  return {
    show(progress: Parameters<typeof syncProgressText>[1]) {
      shown = true;
      ctx.io.stderr(`\r${syncProgressText(directory, progress)}\u001b[K`);
    },
    clear() {
      if (shown) ctx.io.stderr('\r\u001b[K');
    },
  };
}

/**
 * `users search` on a real directory, once the agent is signed in (`view`):
 * from the profile's local replica when there is one (the same UserFilter,
 * the embedded search's range scans), else from the server as before. The
 * text says which, and how fresh the copy is; --json stays an array of users,
 * each with `foundIn` saying the same.
 */
export async function searchRealDirectory(
  ctx: CommandContext,
  path: string,
  directory: string,
  view: DirectoryView,
  query: string,
  page: SearchPage,
  filter: UserFilter,
): Promise<CommandOutput> {
  const agent = ctx.args.options.as ?? 'AGENT';
  // The services' own connection is not theirs to lend: a second one on the same file, for this read only.
  const store = DirectoryStore.open(path);
  try {
    const replica = replicaSearch(store, directory);
    const now = store.clock();
    let from: SearchSource;
    let results: SearchResults;
    if (replica) {
      results = replica.search.search(query, page, now, filter);
      const { users, syncedAt, builtAt, startedAt } = replica.info;
      from = { source: 'replica', directory, users, syncedAt: new Date(syncedAt ?? builtAt ?? startedAt).toISOString() };
    } else {
      results = await view.searchUsers(query, page, filter);
      from = { source: 'server', directory, failure: new ReplicaStore(store.db).failure(directory)?.code ?? null };
    }
    return {
      json: results.users.map((user) => ({ ...user, foundIn: from })),
      text: searchText(results, page.offset, false) + searchSourceText(from, agent, now),
    };
  } finally {
    store.close();
  }
}

export const REPLICA_COMMANDS: Record<string, Command> = {
  'directory sync': sync,
};
