/**
 * "Sample outbox": the mail and SMS the sample tenant sent, as its local
 * outbox received them (newest first), so a newcomer can play the user who
 * reads a code back without a mail server: what the local file keeps (sent
 * from the CLI while the app was closed too) and what arrives while it is
 * open. Read again as messages arrive while open. Opened from Help → Sample
 * outbox… (Electron) or the status bar.
 */
import { makeStyles, mergeClasses, MessageBar, MessageBarBody, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useId } from 'react';
import type { OutboxMessage } from '../../../main/ipc/contract';
import { ErrorBar } from '../../components/ErrorBar';
import { useScreenStyles } from '../../components/layout';
import { formatTime } from '../../format';
import { useOutbox } from '../../stores/outbox';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  // The screen scrolls and holds nothing else that takes the focus: it takes it, so the keys scroll it.
  region: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  message: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  subject: { ...typographyStyles.subtitle2, margin: 0 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  body: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyBase },
});

function MessageItem({ message }: { message: OutboxMessage }) {
  const styles = useStyles();
  const title = message.channel === 'email' ? message.subject || '(no subject)' : `SMS to ${message.to.join(', ')}`;
  return (
    <li className={styles.message} aria-label={title}>
      <h3 className={styles.subject}>{title}</h3>
      <dl className={styles.facts}>
        <dt className={styles.term}>{message.channel === 'email' ? 'Email' : 'SMS'}</dt>
        <dd className={styles.value}>{formatTime(message.at)}</dd>
        <dt className={styles.term}>From</dt>
        <dd className={styles.value}>{message.from || '—'}</dd>
        <dt className={styles.term}>To</dt>
        <dd className={styles.value}>{message.to.join(', ')}</dd>
      </dl>
      <p className={styles.body}>{message.text}</p>
    </li>
  );
}

export function OutboxScreen() {
  const styles = useStyles();
  const screen = useScreenStyles();
  const view = useOutbox((s) => s.view);
  const error = useOutbox((s) => s.error);
  const watch = useOutbox((s) => s.watch);

  // Read now, then as main says messages arrive (stores/main-events.ts).
  useEffect(() => watch(), [watch]);

  const messages = view?.messages ?? [];
  const headingId = useId();
  return (
    <div className={mergeClasses(screen.screen, styles.region)} role="region" aria-labelledby={headingId} tabIndex={0}>
      <h2 id={headingId} className={screen.heading}>
        Sample outbox
      </h2>
      <Text className={styles.muted}>
        The sample tenant&apos;s mail and SMS arrive here instead of a real mail server or phone, so you can read a
        verification code back as the caller would. Newest first, with what the resetdesk command sent while
        Resetdesk was closed; kept sealed in the local file (the newest 200, for 7 days).
      </Text>
      <ErrorBar error={error} />
      {view?.status === 'running' ? (
        <Text className={styles.muted}>Listening on {view.address}</Text>
      ) : view?.status === 'unavailable' ? (
        <MessageBar intent="warning">
          <MessageBarBody>{view.reason}</MessageBarBody>
        </MessageBar>
      ) : view?.status === 'none' ? (
        <Text>This directory has no local outbox: only the sample tenant has one. Its mail goes to its SMTP server.</Text>
      ) : null}
      {view?.note ? (
        <MessageBar intent="warning">
          <MessageBarBody>{view.note}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div role="status">
        {view && view.status !== 'none' ? (
          <Text>{messages.length === 0 ? 'No messages yet.' : messages.length === 1 ? '1 message' : `${messages.length} messages`}</Text>
        ) : null}
      </div>
      {messages.length > 0 ? (
        <ul className={styles.list} aria-label="Outbox messages">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
