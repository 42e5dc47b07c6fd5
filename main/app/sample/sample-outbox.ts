/**
 * The sample tenant's local outbox, made when the sample is created: a
 * self-signed identity for its STARTTLS and HTTPS, and two loopback ports picked free
 * now (see freeLoopbackPorts), so the sample files of parallel test workers
 * or of two newcomers do not share ports. The tenant's delivery settings point
 * at them; the key goes to the local file's app settings (loopback only,
 * never a tenant setting, since settings reach the renderer).
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { DeliverySettings } from '../../domain/delivery-settings';
import type { TenantSettings } from '../../domain/types';
import { generateOutboxIdentity } from '../../delivery/outbox/identity';
import { localOutboxDelivery } from '../../delivery/outbox/settings';

export interface SampleOutbox {
  delivery: DeliverySettings;
  keyPem: string;
}

export async function sampleOutbox(settings: Pick<TenantSettings, 'name' | 'domains'>): Promise<SampleOutbox> {
  const [identity, [smtpPort, smsPort]] = await Promise.all([generateOutboxIdentity(), freeLoopbackPorts(2)]);
  const domain = settings.domains.find((d) => d.isDefault)?.name ?? settings.domains[0]?.name ?? 'contoso.com';
  return {
    delivery: localOutboxDelivery({ certPem: identity.certPem, smtpPort: smtpPort!, smsPort: smsPort!, from: `helpdesk@${domain}`, smsFrom: settings.name }),
    keyPem: identity.keyPem,
  };
}

/**
 * Below the ephemeral range operating systems give outgoing connections
 * (Linux 32768–60999, Windows and macOS 49152–65535), so a port picked now is
 * not later taken for a moment by some client's connection, and above the
 * well-known and common server ports.
 */
export const SAMPLE_PORT_RANGE = { min: 20_000, max: 32_767 } as const;
const TRIES = 64;

/**
 * `count` distinct ports free on 127.0.0.1 now, drawn at random from
 * SAMPLE_PORT_RANGE and each checked by listening on it; all are held open at
 * once (so they differ), then released. If the range is crowded, the system
 * picks (listen on 0).
 */
export async function freeLoopbackPorts(count: number, random: () => number = Math.random): Promise<number[]> {
  const servers: Server[] = [];
  const span = SAMPLE_PORT_RANGE.max - SAMPLE_PORT_RANGE.min + 1;
  try {
    for (let tries = 0; servers.length < count; tries++) {
      const port = tries < TRIES ? SAMPLE_PORT_RANGE.min + Math.floor(random() * span) : 0;
      const server = await listenOn(port);
      if (server) servers.push(server);
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** A server listening on 127.0.0.1:port, or null when the port is taken. */
function listenOn(port: number): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(null) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
