/**
 * Which hosts are this computer, for the one exception to "https only": the
 * sample's SMS endpoint on loopback. No imports, so the settings schema (which
 * the IPC contract, and so the renderer bundle, may use) stays free of Node.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** URL.hostname keeps IPv6 brackets; both forms are accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}
