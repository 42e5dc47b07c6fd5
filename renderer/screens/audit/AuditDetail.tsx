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
import type { AuditEvent } from '../../../main/domain/types';
import { formatTime } from '../../format';
import { ACTION_WORDS, describeEvent, detailFacts, errorMessageOf, type Fact } from './describe';

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
  upn: { margin: 0, whiteSpace: 'nowrap' },
});

const RESULT_WORDS: Record<AuditEvent['result'], string> = {
  success: 'Succeeded',
  failure: 'Failed',
  intent: 'Sent to the directory',
};

/** An intent says where its outcome is, or that it is being checked. */
function resultWords(event: AuditEvent): string {
  if (event.result !== 'intent') return RESULT_WORDS[event.result];
  if (event.outcomeId === null) return `${RESULT_WORDS.intent}; outcome being checked (the directory's answer was lost, or the app stopped)`;
  return event.outcomeId === undefined ? RESULT_WORDS.intent : `${RESULT_WORDS.intent}; outcome in event ${event.outcomeId}`;
}

function factsOf(event: AuditEvent): (Fact & { upn?: boolean })[] {
  const message = errorMessageOf(event.errorCode);
  return [
    { label: 'Time', value: formatTime(event.at) },
    { label: 'Action', value: ACTION_WORDS[event.action].name },
    { label: 'Result', value: resultWords(event) },
    ...(event.intentId !== null ? [{ label: 'Outcome of event', value: String(event.intentId) }] : []),
    ...(event.errorCode ? [{ label: 'Reason', value: message ?? event.errorCode }, { label: 'Error code', value: event.errorCode }] : []),
    { label: 'Target', value: event.targetUpn ?? 'None', upn: true },
    { label: 'Agent', value: event.actorUpn ?? 'None', upn: true },
    ...detailFacts(event.detail),
    { label: 'Event number', value: String(event.id) },
  ];
}

export function AuditDetail({ event, onClose }: { event: AuditEvent | null; onClose(): void }) {
  const styles = useStyles();
  return (
    <Dialog open={event !== null} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        {event && (
          <DialogBody>
            <DialogTitle>{describeEvent(event)}</DialogTitle>
            <DialogContent>
              <dl className={styles.facts} aria-label="Event details">
                {factsOf(event).map((fact) => (
                  <div key={fact.label} className={styles.pair}>
                    <dt className={styles.label}>{fact.label}</dt>
                    <dd className={fact.upn ? styles.upn : styles.value}>{fact.value}</dd>
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
