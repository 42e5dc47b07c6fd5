/** One audit event, whole: every field in words, its detail as labelled facts. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { LongText } from '../../components/LongText';
import type { AuditEvent } from '../../../main/domain/types';
import { eventFacts, type Fact } from '../../../main/domain/audit-facts';
import { describeEvent } from '../../../main/domain/audit-words';
import { formatTime } from '../../format';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  pair: { display: 'contents' },
  label: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  upn: { margin: 0 },
});

/** The facts the CSV export has as columns (main/domain/audit-words.ts), in the window's time format. */
function factsOf(event: AuditEvent): (Fact & { upn?: boolean })[] {
  const { head, detail, id } = eventFacts(event, (iso) => formatTime(iso));
  return [...head.map((fact) => ({ ...fact, upn: fact.key === 'target' || fact.key === 'agent' })), ...detail, id];
}

/**
 * Closing (Escape or Close) puts the focus back on the row's button that
 * opened it: the rows' buttons are Fluent restore targets (AuditTable.tsx),
 * and the dialog restores to the last one when it goes. So the event stays
 * shown while the dialog fades out: were its content to go first, the focused
 * Close button would go with it, and the focus would be lost to the page.
 */
export function AuditDetail({ event, onClose }: { event: AuditEvent | null; onClose(): void }) {
  const styles = useStyles();
  // The last event opened, kept while the dialog closes (React's derived state: set while rendering).
  const [shown, setShown] = useState(event);
  if (event !== null && event !== shown) setShown(event);
  return (
    <Dialog open={event !== null} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        {shown && (
          <DialogBody>
            <DialogTitle>{describeEvent(shown)}</DialogTitle>
            <DialogContent>
              <dl className={styles.facts} aria-label="Event details">
                {factsOf(shown).map((fact, i) => (
                  <div key={`${i}:${fact.key}`} className={styles.pair}>
                    <dt className={styles.label}>{fact.label}</dt>
                    <dd className={fact.upn ? styles.upn : styles.value}>{fact.upn ? <LongText text={fact.value} /> : fact.value}</dd>
                  </div>
                ))}
              </dl>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onClose}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
