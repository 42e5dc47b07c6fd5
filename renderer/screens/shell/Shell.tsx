/**
 * The signed-in layout: header with navigation, the current screen in <main>,
 * and the status bar. Ctrl+K (Cmd+K on macOS) jumps to the user search from
 * anywhere, unless a dialog holds the focus.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { onSearchShortcut } from '../../app/shortcuts';
import { noteOpenScreen, returnScreen } from '../../stores/desk';
import { useResetFlow } from '../../stores/resetFlow';
import { useSession } from '../../stores/session';
import { useSelectedUser } from '../../stores/selectedUser';
import { useSetup } from '../../stores/setup';
import { AuditScreen } from '../audit/AuditScreen';
import { DirectoriesScreen } from '../directories/DirectoriesScreen';
import { TemporaryPasswordsScreen } from '../temporary-passwords/TemporaryPasswordsScreen';
import { UsersScreen } from '../users/UsersScreen';
import { OutboxScreen } from '../outbox/OutboxScreen';
import { selectOutboxAvailable, useOutbox } from '../../stores/outbox';
import { AppHeader, panelId, tabId, tabsFor } from './AppHeader';
import type { ShellTab } from './AppHeader';
import { NoAccess } from './NoAccess';
import { StatusBar } from './StatusBar';

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', height: '100%' },
  main: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  panel: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
});

/** The screens the signed-in agent's roles open (main tells them at sign-in; it refuses the rest anyway). */
const offeredTabs = (): ShellTab[] => {
  const agent = useSession.getState().agent;
  return agent ? tabsFor(agent.may) : [];
};

export function Shell() {
  const styles = useStyles();
  // Where the same agent was at the idle lock (stores/desk.ts); else Users when they may look users up, else the first screen they may use.
  const [tab, setTab] = useState<ShellTab | null>(() => {
    const offered = offeredTabs();
    const back = returnScreen();
    return offered.find((t) => t === back) ?? offered[0] ?? null;
  });
  // Starts at 1: signing in puts the focus in the search box, the first thing an agent does.
  const [focusSearch, setFocusSearch] = useState(1);
  const agent = useSession((s) => s.agent);
  const busy = useSession((s) => s.busy);
  const signOut = useSession((s) => s.signOut);
  const appState = useSetup((s) => s.appState);
  const outboxAvailable = useOutbox(selectOutboxAvailable);

  useEffect(() => {
    if (tab) noteOpenScreen(tab);
  }, [tab]);

  // Whether to offer the Outbox (only the sample has one), asked once per sign-in of an agent who may read it.
  useEffect(() => {
    if (offeredTabs().includes('outbox')) void useOutbox.getState().refresh();
  }, []);

  // Help → Sample outbox… reaches the page as an in-page navigation to #outbox
  // (main/electron/main.ts): open the screen, then drop the fragment so the next
  // click is a change again.
  useEffect(() => {
    const openIfAsked = () => {
      if (window.location.hash !== '#outbox') return;
      if (offeredTabs().includes('outbox')) setTab('outbox');
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    openIfAsked();
    window.addEventListener('hashchange', openIfAsked);
    return () => window.removeEventListener('hashchange', openIfAsked);
  }, []);

  // Ctrl+K itself is caught app-wide (app/shortcuts.ts); here it leads to the search.
  useEffect(
    () =>
      onSearchShortcut(() => {
        if (useResetFlow.getState().target) return; // the reset dialog keeps the focus
        if (!offeredTabs().includes('users')) return;
        setTab('users');
        setFocusSearch((n) => n + 1);
      }),
    [],
  );

  if (!agent) return null;
  const tabs = tabsFor(agent.may);
  const mayOpenOutbox = outboxAvailable && tabs.includes('outbox');
  return (
    <div className={styles.shell}>
      <AppHeader
        tab={tab ?? 'users'}
        tabs={tabs}
        showOutbox={mayOpenOutbox || tab === 'outbox'}
        onTab={(next) => {
          setTab(next);
          setFocusSearch(0); // a click or arrow key on a tab keeps the focus on the tab
        }}
      />
      <main className={styles.main}>
        {tab === null ? (
          <NoAccess roles={agent.roles} />
        ) : (
          <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className={styles.panel}>
            {tab === 'users' ? (
              <UsersScreen focusSearch={focusSearch} />
            ) : tab === 'temporaryPasswords' ? (
              <TemporaryPasswordsScreen
                onOpenUser={(userId) => {
                  setTab('users');
                  setFocusSearch(0); // the pane, not the search, is what the agent came for
                  const selected = useSelectedUser.getState();
                  void (selected.userId === userId ? selected.refresh() : selected.select(userId));
                }}
              />
            ) : tab === 'outbox' ? (
              <OutboxScreen />
            ) : tab === 'audit' ? (
              <AuditScreen />
            ) : (
              <DirectoriesScreen />
            )}
          </div>
        )}
      </main>
      <StatusBar
        agent={agent}
        appState={appState}
        signingOut={busy}
        onSignOut={() => void signOut()}
        // The Chromium preview has no native menu: the status bar offers the sample's outbox too.
        {...(mayOpenOutbox ? { onOpenOutbox: () => setTab('outbox') } : {})}
      />
    </div>
  );
}
