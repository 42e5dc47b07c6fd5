/**
 * Which hosts are this computer: how settings that aim at the sample's local
 * outbox are recognised (settings.ts). No imports, so it stays free of
 * Node for any bundle that may take it.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** URL.hostname keeps IPv6 brackets; both forms are accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}
