/**
 * The app's own values by key (not tenant settings: those reach the renderer).
 * The sample outbox's TLS key lives here: it serves loopback only, and nothing
 * of it leaves main.
 */
export interface AppSettingsStore {
  get(key: string): Promise<string | null>;
  /** null removes the key. */
  set(key: string, value: string | null): Promise<void>;
}
