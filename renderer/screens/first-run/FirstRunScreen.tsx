/** First run: no directory yet. Creates one, then shows the agent accounts once. */
import { mergeClasses } from '@fluentui/react-components';
import { useCenteredPageStyles } from '../../components/layout';
import { useSetup } from '../../stores/setup';
import { AgentAccounts } from './AgentAccounts';
import { CreateDirectoryForm } from './CreateDirectoryForm';

export function FirstRunScreen() {
  const styles = useCenteredPageStyles();
  const { accounts, creating, error, copied, saving, savedTo, create, copyPassword, saveToFile, finish } = useSetup();
  return (
    <main className={styles.main}>
      <div className={mergeClasses(styles.card, accounts ? styles.wide : undefined)}>
        <h1 className={styles.heading}>Set up Resetdesk</h1>
        {accounts ? (
          <AgentAccounts
            accounts={accounts}
            copied={copied}
            saving={saving}
            savedTo={savedTo}
            error={error}
            onCopy={(upn) => void copyPassword(upn)}
            onSave={() => void saveToFile()}
            onContinue={() => void finish()}
          />
        ) : (
          <CreateDirectoryForm creating={creating} error={error} onCreate={(plan) => void create(plan)} />
        )}
      </div>
    </main>
  );
}
