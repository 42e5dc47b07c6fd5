/** The banner: product name and the navigation between the Users, Audit and Directories screens. */
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { NavTabs } from './NavTabs';
import type { NavTab } from './NavTabs';

export type ShellTab = 'users' | 'audit' | 'directories';

export const tabId = (tab: ShellTab) => `shell-tab-${tab}`;
export const panelId = (tab: ShellTab) => `shell-panel-${tab}`;

const TABS: NavTab<ShellTab>[] = [
  { value: 'users', label: 'Users', id: tabId('users'), panelId: panelId('users') },
  { value: 'audit', label: 'Audit', id: tabId('audit'), panelId: panelId('audit') },
  { value: 'directories', label: 'Directories', id: tabId('directories'), panelId: panelId('directories') },
];

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    minHeight: '44px',
    gap: tokens.spacingHorizontalXXL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
});

interface Props {
  tab: ShellTab;
  onTab(tab: ShellTab): void;
}

export function AppHeader({ tab, onTab }: Props) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>Resetdesk</h1>
      <NavTabs label="Screens" tabs={TABS} selected={tab} onSelect={onTab} />
    </header>
  );
}
