/**
 * Step two of the first run: the agent accounts and their passwords, shown this
 * once (main does not keep them in clear). The agent stores them, then goes on.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { FirstRunAccount } from '../../../main/ipc/contract';
import { useCenteredPageStyles } from '../../components/layout';

const useStyles = makeStyles({
  password: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap', userSelect: 'all' },
  scroll: { overflowX: 'auto' },
});

interface Props {
  accounts: FirstRunAccount[];
  onContinue(): void;
}

export function AgentAccounts({ accounts, onContinue }: Props) {
  const page = useCenteredPageStyles();
  const styles = useStyles();
  return (
    <section className={page.form} aria-labelledby="agent-accounts-heading">
      <h2 id="agent-accounts-heading" className={page.heading}>
        Agent accounts
      </h2>
      <MessageBar intent="warning" aria-labelledby={undefined}>
        <MessageBarBody>These passwords are shown once. Store them now.</MessageBarBody>
      </MessageBar>
      <div className={styles.scroll}>
        <Table aria-label="Agent accounts" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>User principal name</TableHeaderCell>
              <TableHeaderCell>Roles</TableHeaderCell>
              <TableHeaderCell>Password</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((account) => (
              <TableRow key={account.upn}>
                <TableCell>{account.displayName}</TableCell>
                <TableCell>{account.upn}</TableCell>
                <TableCell>{account.roles.join(', ')}</TableCell>
                <TableCell>
                  <span className={styles.password}>{account.password}</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={page.actions}>
        <Button appearance="primary" onClick={onContinue}>
          Continue to sign in
        </Button>
      </div>
    </section>
  );
}
