/** The banner: product name and the navigation between the Users, Temporary passwords, Audit and Directories screens. */
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { AgentRights } from '../../../main/ipc/contract';
import { NavTabs } from './NavTabs';
import type { NavTab } from './NavTabs';

export type ShellTab = 'users' | 'temporaryPasswords' | 'audit' | 'directories' | 'outbox';

export const tabId = (tab: ShellTab) => `shell-tab-${tab}`;
export const panelId = (tab: ShellTab) => `shell-panel-${tab}`;

/** Which right each screen needs: an agent is offered only the screens main would answer (read-rights.ts). */
const NEEDS: Record<ShellTab, keyof AgentRights> = {
  users: 'readUsers',
  temporaryPasswords: 'readUsers',
  audit: 'readAudit',
  directories: 'readDirectories',
  outbox: 'readOutbox',
};

/** The screens these rights open, in tab order. */
export function tabsFor(may: AgentRights): ShellTab[] {
  return TABS.map((t) => t.value).filter((tab) => may[NEEDS[tab]]);
}

const TABS: NavTab<ShellTab>[] = [
  { value: 'users', label: 'Users', id: tabId('users'), panelId: panelId('users') },
  // For follow-up calls: the temporary passwords their users have not changed yet.
  { value: 'temporaryPasswords', label: 'Temporary passwords', id: tabId('temporaryPasswords'), panelId: panelId('temporaryPasswords') },
  { value: 'audit', label: 'Audit', id: tabId('audit'), panelId: panelId('audit') },
  { value: 'directories', label: 'Directories', id: tabId('directories'), panelId: panelId('directories') },
  // The sample tenant's local outbox only (Help → Sample outbox…, or the status bar).
  { value: 'outbox', label: 'Outbox', id: tabId('outbox'), panelId: panelId('outbox') },
];

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    minHeight: '44px',
    // In a window too narrow for the title and every tab on one line, the tabs go under the title.
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXXL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
});

interface Props {
  tab: ShellTab;
  onTab(tab: ShellTab): void;
  /** The screens to offer (tabsFor); the Outbox among them only when `showOutbox`. */
  tabs: ShellTab[];
  /** Offer the Outbox tab (the tenant has a local outbox, or it is open). */
  showOutbox?: boolean;
}

export function AppHeader({ tab, onTab, tabs, showOutbox = false }: Props) {
  const styles = useStyles();
  const offered = TABS.filter((t) => tabs.includes(t.value) && (t.value !== 'outbox' || showOutbox));
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>Resetdesk</h1>
      {offered.length > 0 && <NavTabs label="Screens" tabs={offered} selected={tab} onSelect={onTab} />}
    </header>
  );
}
