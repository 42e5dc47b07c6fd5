/** The store ports, one file each; import them from here. */
export * from './audit-store';
export * from './tenant-store';
export * from './profile-store';
export * from './verification-store';
export * from './temporary-password-store';
export * from './password-history-store';
export * from './app-settings-store';
export * from './kept-outbox-store';
export * from './stores';
