/**
 * Step two of the first run: the agent accounts and their passwords, shown this
 * once. Each password can be copied (the secret clipboard, cleared after a
 * while), and "Save to file…" writes them all to a file only the user can
 * read. Main keeps them until "Continue to sign in", then forgets them.
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { FirstRunAccount } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import { useCenteredPageStyles } from '../../components/layout';
import { LongText } from '../../components/LongText';
import type { UiErrorView } from '../../stores/call';

const useStyles = makeStyles({
  password: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap', userSelect: 'all' },
  scroll: { overflowX: 'auto' },
  // Columns sized by their content (Fluent's default splits evenly); a UPN wraps at its dots and @ only.
  table: { tableLayout: 'auto' },
  copy: { width: '6.5rem' },
});

interface Props {
  accounts: FirstRunAccount[];
  copied: string | null;
  saving: boolean;
  savedTo: string | null;
  error: UiErrorView | null;
  onCopy(upn: string): void;
  onSave(): void;
  onContinue(): void;
}

export function AgentAccounts({ accounts, copied, saving, savedTo, error, onCopy, onSave, onContinue }: Props) {
  const page = useCenteredPageStyles();
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  // "Create directory" is gone with the step before: the focus moves to this step's heading, not to the page.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={page.form} aria-labelledby="agent-accounts-heading">
      <h2 id="agent-accounts-heading" ref={heading} tabIndex={-1} className={page.heading}>
        Agent accounts
      </h2>
      <MessageBar intent="warning" layout="multiline" aria-labelledby={undefined}>
        <MessageBarBody>
          <MessageBarTitle>These passwords are shown only once.</MessageBarTitle>
          Resetdesk does not keep them: after "Continue to sign in" nobody can see them again. Copy each one
          into your password manager, or save them all to a file only you can read.
        </MessageBarBody>
      </MessageBar>
      <div className={styles.scroll}>
        <Table aria-label="Agent accounts" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>User principal name</TableHeaderCell>
              <TableHeaderCell>Roles</TableHeaderCell>
              <TableHeaderCell>Password</TableHeaderCell>
              <TableHeaderCell>Copy</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((account) => (
              <TableRow key={account.upn}>
                <TableCell>{account.displayName}</TableCell>
                <TableCell>
                  <LongText text={account.upn} />
                </TableCell>
                <TableCell>{account.roles.join(', ')}</TableCell>
                <TableCell>
                  <span className={styles.password}>{account.password}</span>
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    className={styles.copy}
                    aria-label={`Copy the password of ${account.upn}`}
                    onClick={() => onCopy(account.upn)}
                  >
                    {copied === account.upn ? 'Copied' : 'Copy'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ErrorBar error={error} />
      <Text role="status">{savedTo ? `Saved to ${savedTo} (only you can read this file).` : ''}</Text>
      <div className={page.actions}>
        <Button disabledFocusable={saving} onClick={onSave}>
          {saving ? 'Saving…' : 'Save to file…'}
        </Button>
        <Button appearance="primary" onClick={onContinue}>
          Continue to sign in
        </Button>
      </div>
    </section>
  );
}
