/**
 * After the reset: the password (shown this once), what the user will be asked
 * at sign-in, the NATO readout for a phone call, and a copy that clears itself.
 */
import { Button, DialogActions, DialogContent, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef } from 'react';
import type { ShownResetResponse } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import type { UiErrorView } from '../../stores/call';
import type { ClipboardPhase } from '../../stores/resetFlow';
import { ClipboardState } from './ClipboardState';
import { DeliveryResults } from './DeliveryResults';
import { DisabledAccountNotice } from './DisabledAccountNotice';
import { useDialogContentStyles } from './dialog-content';
import { ResetNotes } from './ResetNotes';
import { TemporaryPassword } from './TemporaryPassword';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  readout: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXXL,
    columnWidth: '11em',
    fontSize: tokens.fontSizeBase300,
  },
  status: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  result: ShownResetResponse;
  readoutShown: boolean;
  clipboard: ClipboardPhase;
  clearsAt: number | null;
  copyError: UiErrorView | null;
  onToggleReadout(): void;
  onCopy(): void;
  onClose(): void;
}

export function ResetResult(props: Props) {
  const { result, readoutShown, clipboard, clearsAt, copyError } = props;
  const styles = useStyles();
  const body = useDialogContentStyles();
  const readoutId = useId();
  const copyRef = useRef<HTMLButtonElement>(null);

  // The confirm button is gone: put the focus on the next thing the agent does.
  useEffect(() => copyRef.current?.focus(), []);

  return (
    <>
      <DialogContent className={body.content}>
        <TemporaryPassword groups={result.groups} />
        <Text>It is shown only now. Give it to {result.upn}, then close this dialog.</Text>
        {!result.accountEnabled && <DisabledAccountNotice change="reset" when="after" />}
        <ResetNotes result={result} />
        <div className={styles.row}>
          <Button ref={copyRef} onClick={props.onCopy}>
            Copy
          </Button>
          <ClipboardState phase={clipboard} clearsAt={clearsAt} className={styles.status} />
        </div>
        <ErrorBar error={copyError} />
        <div>
          <Button
            appearance="subtle"
            aria-expanded={readoutShown}
            aria-controls={readoutShown ? readoutId : undefined}
            onClick={props.onToggleReadout}
          >
            {readoutShown ? 'Hide NATO readout' : 'Show NATO readout'}
          </Button>
          {readoutShown && (
            <ol id={readoutId} aria-label="NATO readout" className={styles.readout}>
              {result.readout.map((word, i) => (
                <li key={i}>{word}</li>
              ))}
            </ol>
          )}
        </div>
        <DeliveryResults results={result.notifications} />
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" onClick={props.onClose}>
          Close
        </Button>
      </DialogActions>
    </>
  );
}
