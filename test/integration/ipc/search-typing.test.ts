/**
 * Typing in the search box, end to end below the UI: the renderer's search
 * store (no pause before asking) over the real IPC handlers and the search
 * thread, on a real directory file. A slow typist's "c", "co", "col" costs
 * main two searches, never three, and the list only ever shows "col"'s
 * answer: neither the stale "c" nor the superseded "co" is painted.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SqliteUserDirectory } from '../../../main/directory/sqlite/sqlite-directory';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createApi } from '../../../main/ipc/api';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import { type Services } from '../../../main/app/services';
import { buildServices, embeddedUsers } from '../../../main/app/build-services';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';

const ORIGIN = 'app://resetdesk/index.html';

/**
 * What this test uses of renderer/stores/search.ts. The store is imported by a
 * computed path so that the root tsconfig (Node, no DOM) does not type-check
 * renderer code; renderer/tsconfig.json checks the store itself.
 */
interface SearchStoreState {
  query: string;
  answeredQuery: string | null;
  results: { upn: string }[];
  loading: boolean;
  error: { code: string } | null;
  setQuery(query: string): void;
}
interface SearchStore {
  getState(): SearchStoreState;
  subscribe(listener: (state: SearchStoreState) => void): () => void;
}
const SEARCH_STORE = new URL('../../../renderer/stores/search.ts', import.meta.url).href;
const HELPDESK = 'helpdesk.admin@contoso.com';

describe('search as you type, through IPC to the search thread', () => {
  let fx: SampleFixture;
  let services: Services;
  let app: IpcApp;
  let useSearch: SearchStore;

  before(async () => {
    fx = await sampleDirectory({ size: 200 });
    services = buildServices(fx.store, embeddedUsers, { hasher: FAST_HASHER, searchInWorker: true });
    app = createIpcApp({
      host: DirectoryHost.over(services, fx.dbPath, { hasher: FAST_HASHER, clock: fx.clock }),
      clipboard: new MemoryClipboard(),
      clock: fx.clock,
      files: new FolderFileSaver(dirname(fx.dbPath)),
      isTrustedSender: (url) => url === ORIGIN,
    });
    const api = createApi((channel, request) => app.dispatch(channel.replace(/^resetdesk:/, ''), ORIGIN, request));
    // What the preload installs: the renderer's stores reach main only through it.
    (globalThis as { window?: unknown }).window = { resetdesk: api };
    const signedIn = await api.signIn({ upn: HELPDESK, password: fx.passwordOf(HELPDESK).reveal() });
    assert.ok(signedIn.ok);
    ({ useSearch } = (await import(SEARCH_STORE)) as { useSearch: SearchStore });
  });
  after(async () => {
    await app.shutdown();
    await services.directory.close();
    fx.close();
  });

  it('"c", "co", "col" typed: main runs "c" and "col", and only "col" is shown', { timeout: 30_000 }, async () => {
    const worker = (services.directory as SqliteUserDirectory).searchWorker!;
    useSearch.getState().setQuery('x'); // the thread is up and idle before the typing starts
    await waitFor(() => useSearch.getState().answeredQuery === 'x');
    const ranBefore = (await worker.stats()).ran;

    const painted: { answeredQuery: string | null; error: string | null }[] = [];
    const unsubscribe = useSearch.subscribe((s) => painted.push({ answeredQuery: s.answeredQuery, error: s.error?.code ?? null }));
    try {
      for (const query of ['c', 'co', 'col']) useSearch.getState().setQuery(query);
      await waitFor(() => useSearch.getState().answeredQuery === 'col');
    } finally {
      unsubscribe();
    }

    const state = useSearch.getState();
    const expected = fx.store.search.search('col', { limit: 50, offset: 0 }, fx.clock());
    assert.deepEqual(state.results.map((u) => u.upn), expected.users.map((u) => u.upn));
    assert.ok(state.results.length > 0, '"col" finds someone in the sample');
    assert.equal(state.loading, false);
    assert.deepEqual(
      painted.filter((p) => p.error !== null || (p.answeredQuery !== 'x' && p.answeredQuery !== 'col')),
      [],
      'no stale answer and no SEARCH_SUPERSEDED was ever painted',
    );
    assert.equal((await worker.stats()).ran - ranBefore, 2, '"co" was replaced before it ran');
  });
});

/** Resolves once `done()` holds, checked after each turn of the event loop (answers arrive from the thread). */
async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}
