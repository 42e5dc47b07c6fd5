import type { Migration } from './migration';
import { chainExistingEvents } from './audit-chain-sqlite';

/**
 * Migration 12 (issue 19): the audit's hash chain in the local file, as on the
 * team's PostgreSQL. Each event gets its place (seq, contiguous, so a removal
 * shows) and the hash of its facts chained to the one before
 * (main/domain/audit-chain.ts); audit_head holds the newest link. Events
 * already in the file are chained in id order here, once.
 */
export const v12AuditChain: Migration = {
  version: 12,
  name: "the audit's hash chain: each event's place and hash, and the chain's head",
  up(db) {
    db.exec(`
      ALTER TABLE audit_events ADD COLUMN seq INTEGER CHECK (seq > 0);
      ALTER TABLE audit_events ADD COLUMN previous_hash TEXT CHECK (length(previous_hash) = 64);
      ALTER TABLE audit_events ADD COLUMN hash TEXT CHECK (length(hash) = 64);
      CREATE TABLE audit_head (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
    `);
    chainExistingEvents(db);
    db.exec(`
      CREATE UNIQUE INDEX audit_events_seq ON audit_events(seq);
      -- A row written around the chain (no place, no hash) is refused; one that gets in anyway
      -- (the trigger dropped) is named by audit verify.
      CREATE TRIGGER audit_events_chained BEFORE INSERT ON audit_events
        WHEN NEW.seq IS NULL OR NEW.previous_hash IS NULL OR NEW.hash IS NULL
      BEGIN
        SELECT RAISE(ABORT, 'an audit event takes its place in the chain');
      END;
    `);
  },
};
