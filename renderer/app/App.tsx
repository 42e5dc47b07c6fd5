/**
 * Chooses the screen from the stores: first run while there is no directory
 * (or its agent accounts are still on screen), then sign-in until main has a
 * session, then the shell.
 */
import { makeStyles, Spinner } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorBar } from '../components/ErrorBar';
import { installShortcuts } from './shortcuts';
import { FirstRunScreen } from '../screens/first-run/FirstRunScreen';
import { ResetDialog } from '../screens/reset/ResetDialog';
import { Shell } from '../screens/shell/Shell';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { followMain } from '../stores/main-events';
import { useSession } from '../stores/session';
import { useSetup } from '../stores/setup';

const useStyles = makeStyles({
  loading: { height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'center' },
});

export function App() {
  const styles = useStyles();
  const appState = useSetup((s) => s.appState);
  const accounts = useSetup((s) => s.accounts);
  const loadError = useSetup((s) => s.loadError);
  const loadApp = useSetup((s) => s.load);
  const status = useSession((s) => s.status);
  const loadSession = useSession((s) => s.load);
  const ready = appState?.directory === 'ready' && accounts === null;

  useEffect(() => {
    void loadApp();
  }, [loadApp]);

  // Once for every screen: the app's shortcuts, and browser ones swallowed.
  useEffect(() => installShortcuts(window), []);

  // Main's events (the idle lock, the clipboard's clear, the outbox) reach the stores.
  useEffect(() => followMain(window), []);

  useEffect(() => {
    if (ready) void loadSession();
  }, [ready, loadSession]);

  if (appState === null || (ready && status === 'loading')) {
    return (
      <main className={styles.loading}>
        {loadError ? <ErrorBar error={loadError} /> : <Spinner label="Starting Resetdesk" />}
      </main>
    );
  }
  if (!ready) return <FirstRunScreen />;
  return (
    <>
      {status === 'signedIn' ? <Shell /> : <SignInScreen />}
      {/*
        Outside the shell on purpose: when a lock ends the session, the dialog
        must close (and Fluent give the page back to assistive technology)
        rather than be unmounted together with the shell while still modal.
      */}
      <ResetDialog />
    </>
  );
}
