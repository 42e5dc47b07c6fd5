/**
 * Who hears of an administrator's reset: every enabled Global Administrator,
 * at most MAX_NOTIFIED_ADMINISTRATORS of them (Entra's own cap on the
 * recipients of its notices to administrators). Shared by the providers.
 */
export const MAX_NOTIFIED_ADMINISTRATORS = 100;
