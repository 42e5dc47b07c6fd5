/**
 * The sample's outbox when Resetdesk is not running: the sender (the CLI, most
 * often) starts it in its own process for as long as its channels are open,
 * so mail and SMS still travel for real (SMTP with STARTTLS, HTTPS, the
 * sample's certificate), and what it receives is kept sealed in the local
 * file, where the app and `resetdesk outbox list` find it later.
 *
 * Whether the app runs is asked of the ports themselves: if they are free,
 * nobody else is there to receive; if they are taken, the messages go to
 * whoever holds them, and the sender's pinned certificate (pinned-tls.ts)
 * makes sure only the real outbox gets anything. An outbox that cannot keep
 * what it receives (no keychain) is not started, and the channels do not
 * open: SECRET_STORE_UNAVAILABLE, saying the sample's messages cannot be kept.
 * A password to be sent out of band is then refused before the reset; a
 * notice after a change fails, and the change stands.
 */
import type { Stores } from '../../domain/stores';
import { DomainError } from '../../domain/errors';
import type { SecretStore } from '../../secrets/secret-store';
import { KeptOutbox } from './kept-outbox';
import type { LocalOutbox } from './local-outbox';
import { localOutboxOptionsOf } from './tenant-outbox';

export type OutboxFileStore = Pick<Stores, 'outbox' | 'tenant' | 'clock' | 'appSettings'>;

function isPortTaken(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

/**
 * Starts the local file's outbox here when its ports are free, to be closed
 * with the channels; null when someone else holds them (the app's outbox, or
 * an impostor the pin refuses: the messages go there). Throws
 * SECRET_STORE_UNAVAILABLE when it could start but could not keep anything.
 */
export async function startOutboxOnDemand(local: OutboxFileStore, secrets: SecretStore): Promise<LocalOutbox | null> {
  const options = await localOutboxOptionsOf(local);
  if (!options || options.keyPem === null) return null;
  const kept = new KeptOutbox(local, secrets);
  const { LocalOutbox } = await import('./local-outbox');
  let outbox: LocalOutbox;
  try {
    outbox = await LocalOutbox.start({ ...options, keyPem: options.keyPem, keep: (m) => kept.keep(m), clock: local.clock });
  } catch (error) {
    if (isPortTaken(error)) return null;
    throw error;
  }
  try {
    await kept.ready();
  } catch (error) {
    await outbox.close();
    throw error instanceof DomainError && error.code === 'SECRET_STORE_UNAVAILABLE' ? cannotKeep() : error;
  }
  return outbox;
}

/** The keychain's refusal, saying what it means here. */
function cannotKeep(): DomainError {
  return new DomainError(
    'SECRET_STORE_UNAVAILABLE',
    "The sample's messages cannot be kept (they are sealed with a key it holds), so none was sent.",
  );
}
