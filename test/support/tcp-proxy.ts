/**
 * A TCP proxy for tests, between a client and a directory's LDAPS port. It
 * forwards bytes both ways and nothing else: TLS passes through end to end
 * (the certificate the client checks is the server's), so it cannot see
 * which LDAP request a chunk holds. On command it behaves like a bad network
 * or a dying server:
 *
 * - dropNextAnswer(): the first chunk the server sends back once armed (and,
 *   with `when`, while `when()` holds) is dropped and that connection is
 *   closed on both sides: the request reached the server, its answer never
 *   comes back. `then: 'down'` refuses new connections from that moment.
 * - down() / up(): new connections are accepted and closed at once (the
 *   client sees the connection fail before TLS), or served again.
 * - latency: every chunk waits between min and max ms, in order, each way.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Where to forward: the directory's host and port. */
  target: { host: string; port: number };
  latencyMs?: { min: number; max: number };
}

export interface DropOptions {
  /** Drop only an answer that arrives while this holds (checked per chunk from the server). */
  when?: () => boolean;
  /** 'down': refuse new connections from the moment of the drop (the server died). */
  then?: 'down';
}

export interface TcpProxy {
  readonly port: number;
  /** ldaps://127.0.0.1:port */
  readonly url: string;
  dropNextAnswer(options?: DropOptions): void;
  /** How many answers were dropped so far. */
  readonly dropped: number;
  down(): void;
  up(): void;
  /** Ends every connection open now, both ways (with down(): the server stopped). */
  disconnect(): void;
  close(): Promise<void>;
}

/** Delivers chunks in order, each after its own delay (at once without latency): one queue, one timer at a time. */
function delayed(latency: ProxyOptions['latencyMs']) {
  const queue: { due: number; deliver: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = () => {
    timer = null;
    while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.deliver();
    if (queue.length > 0) timer = setTimeout(pump, queue[0]!.due - Date.now());
  };
  return (deliver: () => void) => {
    if (!latency) return deliver();
    const wait = latency.min + Math.random() * (latency.max - latency.min);
    // Never before the chunk ahead of it: bytes keep their order.
    const due = Math.max(Date.now() + wait, queue.at(-1)?.due ?? 0);
    queue.push({ due, deliver });
    timer ??= setTimeout(pump, due - Date.now());
  };
}

export async function startProxy(options: ProxyOptions): Promise<TcpProxy> {
  let refusing = false;
  let armed: DropOptions | null = null;
  let dropped = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(options.target.port, options.target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const toServer = delayed(options.latencyMs);
    const toClient = delayed(options.latencyMs);
    let cut = false;
    client.on('data', (chunk: Buffer) => toServer(() => !upstream.destroyed && upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => {
      if (cut) return;
      if (armed && (!armed.when || armed.when())) {
        const drop = armed;
        armed = null;
        cut = true;
        dropped++;
        if (drop.then === 'down') refusing = true;
        client.destroy();
        upstream.destroy();
        return;
      }
      toClient(() => !client.destroyed && client.write(chunk));
    });
    client.on('end', () => toServer(() => upstream.end()));
    upstream.on('end', () => toClient(() => client.end()));
    client.on('close', () => toServer(() => upstream.destroy()));
    upstream.on('close', () => toClient(() => client.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `ldaps://127.0.0.1:${port}`,
    get dropped() {
      return dropped;
    },
    dropNextAnswer(drop = {}) {
      armed = drop;
    },
    down() {
      refusing = true;
    },
    up() {
      refusing = false;
    },
    disconnect() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The host and port of an ldaps:// URL. */
export function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 636) };
}
