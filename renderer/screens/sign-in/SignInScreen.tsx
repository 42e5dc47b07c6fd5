/** Signed out: the sign-in form, or the forced password change main asked for. */
import { Text } from '@fluentui/react-components';
import { useCenteredPageStyles } from '../../components/layout';
import { signInTarget } from '../../format';
import { useSession } from '../../stores/session';
import { useSetup } from '../../stores/setup';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SignInForm } from './SignInForm';

export function SignInScreen() {
  const styles = useCenteredPageStyles();
  const { status, upn, locked, notice, error, busy, signIn, changePassword, cancelChange, signInAsSomeoneElse } = useSession();
  const changing = status === 'changeRequired';
  const appState = useSetup((s) => s.appState);
  const target = appState ? signInTarget(appState) : null;
  return (
    <main className={styles.main}>
      <div className={styles.card}>
        <h1 className={styles.heading}>{changing ? 'Change your password' : 'Sign in to Resetdesk'}</h1>
        {/* Which directory answers: the agent signs in with their account there. */}
        {target && <Text>Directory: {target}</Text>}
        {changing ? (
          <ChangePasswordForm
            upn={upn}
            error={error}
            busy={busy}
            onChange={(current, next) => void changePassword(current, next)}
            onCancel={cancelChange}
          />
        ) : (
          <SignInForm
            // A new form (its own state, its own autofocus) when the locked one is given to someone else.
            key={locked ? 'locked' : 'fresh'}
            initialUpn={upn}
            locked={locked}
            onSomeoneElse={signInAsSomeoneElse}
            notice={notice}
            error={error}
            busy={busy}
            onSignIn={(u, p) => void signIn(u, p)}
          />
        )}
      </div>
    </main>
  );
}
