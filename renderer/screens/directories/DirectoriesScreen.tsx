/**
 * Directories: the connection profiles in the local file, which one agents
 * sign in to, and (a Global Administrator's changes, refused by main for
 * anyone else) add, edit, remove; test any of them; switch to another, which
 * signs the agent out (a sign-in belongs to the directory that answered it).
 *
 * Whether this agent may change them is main's answer with the list
 * (changeRefusal, from the roles the directory holds for them now): for
 * anyone else the screen is read-only, View opens the form with nothing to
 * save, and main's own words say who may.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { DirectoryProfileView } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import { useScreenStyles } from '../../components/layout';
import { useDirectories } from '../../stores/directories';
import { useSession } from '../../stores/session';
import { useSetup } from '../../stores/setup';
import { DirectoryCard } from './DirectoryCard';
import { DirectoryForm } from './DirectoryForm';
import { TestConnection } from './TestConnection';

const useStyles = makeStyles({
  subheading: { ...typographyStyles.subtitle1, margin: 0 },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  intro: { flexGrow: 1, color: tokens.colorNeutralForeground2 },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  // In the screen's scrolling column a bar would shrink to a line, its words spilling over the list below.
  note: { flexShrink: 0 },
});

/** Why this agent may not change connections, in main's words (the same Save would answer). */
function ReadOnlyNote({ id, message }: { id: string; message: string }) {
  const styles = useStyles();
  return (
    <MessageBar className={styles.note} intent="info" layout="multiline" id={id} aria-labelledby={undefined}>
      <MessageBarBody>
        <MessageBarTitle>Read only.</MessageBarTitle> {message}
      </MessageBarBody>
    </MessageBar>
  );
}

type Editing = { mode: 'list' } | { mode: 'add' } | { mode: 'edit'; profile: DirectoryProfileView };
type Confirm = { action: 'use' | 'remove'; name: string } | null;

export function DirectoriesScreen() {
  const styles = useStyles();
  const screen = useScreenStyles();
  const store = useDirectories();
  const agentUpn = useSession((s) => s.agent?.upn ?? '');
  const noteId = useId();
  // Main's answer: a Global Reader (or a Global Administrator no longer) reads them, read-only.
  const refusal = store.view?.changeRefusal ?? null;
  const canChange = store.view !== null && refusal === null;
  const appState = useSetup((s) => s.appState);
  const [editing, setEditing] = useState<Editing>({ mode: 'list' });
  const [testing, setTesting] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const { load, clearSaveError, clearTest } = store;

  // Each visit shows the profiles as they are now.
  useEffect(() => {
    void load();
  }, [load]);

  const back = () => {
    clearSaveError();
    setEditing({ mode: 'list' });
  };

  if (editing.mode !== 'list') {
    const title =
      editing.mode === 'add' ? 'Add a directory' : canChange ? `Edit ${editing.profile.name}` : `View ${editing.profile.name}`;
    return (
      <div className={screen.screen}>
        <h2 className={screen.heading}>Directories</h2>
        <section className={styles.editor} aria-labelledby="directory-editor-heading">
          <h3 id="directory-editor-heading" className={styles.subheading}>
            {title}
          </h3>
          {refusal && <ReadOnlyNote id={noteId} message={refusal.message} />}
          <DirectoryForm
            editing={editing.mode === 'edit' ? editing.profile : null}
            submitLabel="Save"
            saving={store.saving}
            error={store.saveError}
            agentUpn={agentUpn}
            autoFocus
            // Also when main refused a save since the form opened (the role was taken away): the list says so again.
            readOnly={!canChange}
            onSave={(profile) =>
              void store.save(profile, editing.mode === 'edit').then((saved) => {
                if (saved) back();
              })
            }
            onCancel={back}
          />
        </section>
      </div>
    );
  }

  const view = store.view;
  const active = view?.active ?? null;
  const confirmOpen = confirm !== null;
  return (
    <div className={screen.screen}>
      <h2 className={screen.heading}>Directories</h2>
      <div className={styles.bar}>
        <Text className={styles.intro}>Agents sign in to the directory in use.</Text>
        {view && (
          <Button
            appearance="primary"
            disabledFocusable={!canChange}
            aria-describedby={refusal ? noteId : undefined}
            onClick={() => setEditing({ mode: 'add' })}
          >
            Add directory
          </Button>
        )}
      </div>
      {refusal && <ReadOnlyNote id={noteId} message={refusal.message} />}
      <ErrorBar error={store.error} />
      {store.loading && !view ? (
        <Spinner size="tiny" label="Loading directories" labelPosition="after" />
      ) : (
        <ul className={styles.list} aria-label="Directory connections">
          {active === null && appState && (
            <li>
              <Text>
                In use: the embedded directory ({appState.tenantName ?? 'no tenant'}, {appState.location}).
              </Text>
            </li>
          )}
          {(view?.profiles ?? []).map((profile) => (
            <DirectoryCard
              key={profile.name}
              profile={profile}
              inUse={profile.name === active}
              busy={store.busyWith === profile.name}
              readOnlyNoteId={refusal ? noteId : null}
              actions={{
                onEdit: () => setEditing({ mode: 'edit', profile }),
                onTest: () => {
                  clearTest();
                  setTesting(testing === profile.name ? null : profile.name);
                },
                onUse: () => setConfirm({ action: 'use', name: profile.name }),
                onRemove: () => setConfirm({ action: 'remove', name: profile.name }),
              }}
            >
              {testing === profile.name && (
                <TestConnection
                  initialUpn={agentUpn}
                  steps={store.steps}
                  testing={store.testing}
                  error={store.testError}
                  onTest={(upn, password) => void store.test(profile, upn, password)}
                />
              )}
            </DirectoryCard>
          ))}
        </ul>
      )}
      <Dialog open={confirmOpen} modalType="alert" onOpenChange={(_, data) => !data.open && setConfirm(null)}>
        <DialogSurface aria-describedby={undefined}>
          {confirm && (
            <DialogBody>
              <DialogTitle>{confirm.action === 'use' ? `Use ${confirm.name}?` : `Remove ${confirm.name}?`}</DialogTitle>
              <DialogContent>
                {confirm.action === 'use'
                  ? `Switching signs you out. Agents then sign in to ${confirm.name} with their accounts in that directory.`
                  : 'Its connection settings are deleted from this computer. The directory itself is not changed.'}
              </DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const { action, name } = confirm;
                    setConfirm(null);
                    void (action === 'use' ? store.use(name) : store.remove(name));
                  }}
                >
                  {confirm.action === 'use' ? 'Use and sign out' : 'Remove'}
                </Button>
                <Button onClick={() => setConfirm(null)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </div>
  );
}
