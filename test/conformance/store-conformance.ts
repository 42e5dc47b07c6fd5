/**
 * One suite for the store ports (main/domain/stores): whatever keeps them (the
 * local SQLite file today, a database server later) runs it unchanged. It
 * reaches the store only through the ports, so an adapter's own tests stay
 * beside the adapter; each case states one rule of a port's contract as the
 * app relies on it.
 *
 *   storeConformance('the local SQLite file', async () => { ... return { stores, close } });
 *
 * `fresh` answers a new, empty store of one tenant (its settings as made at
 * init: passwordHistoryCount 1, no profile, no event).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Stores, TemporaryPasswordIssue, VerificationChallenge } from '../../main/domain/stores';
import type { AuditDraft, AuditEvent } from '../../main/domain/types';
import { DomainError } from '../../main/domain/errors';

export interface FreshStores {
  stores: Stores;
  close(): Promise<void>;
  /** What someone with the store's own access could do below the application (a SQL client): the audit chain must catch it. */
  tamper: {
    /** Sets an event's result, as a hand edit would. */
    editResult(eventId: number, result: string): Promise<void>;
    removeEvent(eventId: number): Promise<void>;
  };
}

const T0 = Date.parse('2026-12-01T09:00:00Z');

const event = (change: Partial<AuditDraft> = {}): AuditDraft => ({
  actorId: 'agent-1',
  actorUpn: 'Helpdesk.Agent@contoso.com',
  targetId: 'user-1',
  targetUpn: 'adele.vance@contoso.com',
  action: 'password.reset',
  result: 'success',
  errorCode: null,
  ...change,
});

const lease = { directory: 'corp', ownerHost: 'desk-1', ownerPid: 1, settleAfter: T0 + 60_000 };

const challenge = (change: Partial<VerificationChallenge> = {}): VerificationChallenge => ({
  id: `c-${Math.random().toString(36).slice(2)}`,
  agentId: 'agent-1',
  targetId: 'user-1',
  targetUpn: 'adele.vance@contoso.com',
  method: 'sms',
  destination: '+1 *** *** 0101',
  codeHmac: 'hmac',
  salt: 'salt',
  createdAt: T0,
  expiresAt: T0 + 600_000,
  attempts: 0,
  status: 'pending',
  verifiedAt: null,
  ...change,
});

const issue = (targetId: string, issuedAt: number): TemporaryPasswordIssue => ({
  targetId,
  targetUpn: `${targetId}@contoso.com`,
  issuedAt,
  issuedById: 'agent-1',
  issuedByUpn: 'helpdesk.agent@contoso.com',
  expiresAt: null,
  deliveredTo: 'screen',
  forceChange: true,
});

const targets = (events: AuditEvent[]) => events.map((e) => e.targetUpn);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A step that yields to the event loop: other callers' work runs meanwhile, as it would while a unit awaits a network store. */
const elsewhere = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

export function storeConformance(name: string, fresh: () => Promise<FreshStores>): void {
  describe(`store conformance: ${name}`, () => {
    let subject: FreshStores;
    let s: Stores;
    beforeEach(async () => {
      subject = await fresh();
      s = subject.stores;
    });
    afterEach(() => subject.close());

    describe('audit', () => {
      it('lists newest first, by page, filtered by UPN, part of a UPN in any case, action and an inclusive date range', async () => {
        await s.audit.append(event({ targetUpn: 'user0@contoso.com' }), T0);
        await s.audit.append(event({ targetUpn: 'user1@contoso.com', action: 'account.unlock' }), T0 + 1000);
        await s.audit.append(event({ targetUpn: 'user2@contoso.com', actorUpn: 'other@contoso.com' }), T0 + 2000);
        await s.audit.append(event({ targetUpn: 'user3@contoso.com' }), T0 + 3000);
        assert.deepEqual(targets(await s.audit.list({ limit: 10 })), ['user3@contoso.com', 'user2@contoso.com', 'user1@contoso.com', 'user0@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 2, offset: 1 })), ['user2@contoso.com', 'user1@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, targetUpn: 'user1@contoso.com' })), ['user1@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, actorContains: 'HELPDESK.agent' })), ['user3@contoso.com', 'user1@contoso.com', 'user0@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, targetContains: 'USER2' })), ['user2@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, action: 'account.unlock' })), ['user1@contoso.com']);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, atFrom: T0 + 1000, atTo: T0 + 2000 })), ['user2@contoso.com', 'user1@contoso.com']);
        const [first] = await s.audit.list({ limit: 1 });
        assert.deepEqual(
          { ...first, id: 0 },
          { ...event({ targetUpn: 'user3@contoso.com' }), id: 0, at: new Date(T0 + 3000).toISOString(), detail: null, intentId: null },
          'the event as it was appended, its time in ISO 8601',
        );
      });

      it('a part of a UPN matches its LIKE wildcards literally', async () => {
        await s.audit.append(event({ targetUpn: 'a_b@contoso.com' }), T0);
        await s.audit.append(event({ targetUpn: 'axb@contoso.com' }), T0 + 1);
        assert.deepEqual(targets(await s.audit.list({ limit: 10, targetContains: 'a_b' })), ['a_b@contoso.com']);
      });

      it('counts what matches, up to the cap', async () => {
        for (let i = 0; i < 5; i++) await s.audit.append(event({ action: i < 3 ? 'signin' : 'password.reset' }), T0 + i);
        assert.equal(await s.audit.count({}), 5);
        assert.equal(await s.audit.count({ action: 'signin' }), 3);
        assert.equal(await s.audit.count({}, 2), 2, 'a count of the cap means at least that many');
      });

      it('exports every matching event newest first, past any batch, events of one instant included', async () => {
        // More than one batch, all at one instant but the last: the order and the batches go by id too.
        const many = 1203;
        for (let i = 0; i < many; i++) await s.audit.append(event({ targetUpn: `u${i}@contoso.com` }), i === many - 1 ? T0 + 1 : T0);
        await s.audit.append(event({ action: 'signin' }), T0 + 2);
        const all = await collect(s.audit.each({ action: 'password.reset' }));
        assert.equal(all.length, many, 'each event once');
        assert.deepEqual(targets(all.slice(0, 3)), [`u${many - 1}@contoso.com`, `u${many - 2}@contoso.com`, `u${many - 3}@contoso.com`]);
        assert.equal(all.at(-1)!.targetUpn, 'u0@contoso.com');
        assert.equal(new Set(all.map((e) => e.id)).size, many);
        assert.deepEqual(await collect(s.audit.each({ atFrom: T0 + 1, atTo: T0 + 1 })).then(targets), [`u${many - 1}@contoso.com`]);
      });

      it('an intent stays open until its one outcome; a second outcome writes nothing and answers the one that stands', async () => {
        const id = await s.audit.intend(event({ result: 'intent' }), T0, lease);
        const [open] = await s.audit.openIntents();
        assert.equal(open!.id, id);
        assert.deepEqual(open!.lease, lease);
        assert.equal(open!.outcomeId, null);

        const first = await s.audit.settle({ ...event(), intentId: id }, T0 + 1);
        assert.equal(first.recorded, true);
        assert.equal(first.outcome.intentId, id);
        const second = await s.audit.settle({ ...event({ result: 'failure', errorCode: 'DIRECTORY_ERROR' }), intentId: id }, T0 + 2);
        assert.deepEqual([second.recorded, second.outcome.id, second.outcome.result], [false, first.outcome.id, 'success']);

        assert.deepEqual(await s.audit.openIntents(), []);
        const trail = await s.audit.list({ limit: 10 });
        assert.equal(trail.length, 2, 'the intent and one outcome');
        assert.equal(trail.find((e) => e.id === id)!.outcomeId, first.outcome.id);
      });

      it("every event takes the chain's next place: it holds after appends, intents and outcomes, a refused outcome taking none", async () => {
        await s.audit.append(event(), T0);
        const id = await s.audit.intend(event({ result: 'intent' }), T0 + 1, lease);
        await s.audit.settle({ ...event(), intentId: id }, T0 + 2);
        await s.audit.settle({ ...event({ result: 'failure', errorCode: 'DIRECTORY_ERROR' }), intentId: id }, T0 + 3);
        await s.updateTenant({ passwordHistoryCount: 3 }, event({ action: 'tenant.update', targetId: null, targetUpn: null }));
        assert.deepEqual(await s.audit.verifyChain(), { checked: 4, broken: null });
      });

      it('the chain names the first event edited, then one removed, below the application', async () => {
        for (let i = 0; i < 4; i++) await s.audit.append(event({ targetUpn: `user${i}@contoso.com` }), T0 + i);
        const ids = (await s.audit.list({ limit: 10 })).map((e) => e.id).reverse();
        await subject.tamper.editResult(ids[2]!, 'failure');
        assert.deepEqual((await s.audit.verifyChain()).broken, { seq: 3, why: 'edited' });
        await subject.tamper.removeEvent(ids[1]!);
        assert.deepEqual((await s.audit.verifyChain()).broken, { seq: 2, why: 'removed' });
      });

      it('open intents come oldest first', async () => {
        const a = await s.audit.intend(event({ result: 'intent' }), T0 + 5, lease);
        const b = await s.audit.intend(event({ result: 'intent' }), T0, lease);
        assert.deepEqual((await s.audit.openIntents()).map((i) => i.id), [a, b]);
      });
    });

    describe('tenant', () => {
      it('a change and its audit are one unit; the settings read back changed', async () => {
        const before = await s.tenant.get();
        assert.equal(before.passwordHistoryCount, 1);
        await s.updateTenant({ passwordHistoryCount: 4, bannedPasswords: ['contoso', 'fabrikam'] }, event({ action: 'tenant.update', targetId: null, targetUpn: null }));
        const after = await s.tenant.get();
        assert.equal(after.passwordHistoryCount, 4);
        assert.deepEqual([...after.bannedPasswords].sort(), ['contoso', 'fabrikam']);
        assert.equal(after.tenantId, before.tenantId);
        assert.equal(await s.audit.count({ action: 'tenant.update' }), 1);
      });

      it('a change the store refuses leaves the settings and the audit as they were', async () => {
        const before = await s.tenant.get();
        await assert.rejects(s.updateTenant({ callerVerification: 'sometimes' as never }, event({ action: 'tenant.update' })));
        assert.deepEqual(await s.tenant.get(), before);
        assert.equal(await s.audit.count({ action: 'tenant.update' }), 0, 'no audit of a change that did not happen');
      });
    });

    describe('profiles', () => {
      const corp = { name: 'corp', type: 'ad' as const, config: { urls: ['ldaps://dc1'] } };

      it('adds, lists, reads, replaces and removes; a name taken is refused', async () => {
        assert.deepEqual(await s.profiles.list(), []);
        await s.profiles.add(corp, T0);
        await s.profiles.add({ name: 'ol', type: 'openldap', config: {} }, T0);
        assert.deepEqual((await s.profiles.list()).map((p) => p.name).sort(), ['corp', 'ol']);
        assert.deepEqual((await s.profiles.get('corp'))?.config, corp.config);
        await assert.rejects(s.profiles.add({ ...corp, config: {} }, T0), (e: unknown) => e instanceof DomainError && e.code === 'INVALID_INPUT');
        assert.deepEqual((await s.profiles.get('corp'))?.config, corp.config, 'the refused add changed nothing');
        await s.profiles.replace({ ...corp, config: { urls: ['ldaps://dc2'] } }, T0 + 1);
        assert.deepEqual((await s.profiles.get('corp'))?.config, { urls: ['ldaps://dc2'] });
        assert.equal(await s.profiles.remove('corp'), true);
        assert.equal(await s.profiles.remove('corp'), false);
        assert.equal(await s.profiles.get('corp'), null);
      });

      it('the one in use: none at first, then the one set, none again', async () => {
        assert.equal(await s.profiles.active(), null);
        await s.profiles.add(corp, T0);
        await s.profiles.setActive('corp');
        assert.equal(await s.profiles.active(), 'corp');
        await s.profiles.setActive(null);
        assert.equal(await s.profiles.active(), null);
      });
    });

    describe('verifications', () => {
      it('a unit commits its writes and its audit together; a unit that throws leaves nothing', async () => {
        const kept = challenge();
        await s.verifications.unit(async (tx) => {
          await tx.insert(kept);
          await tx.audit(event({ action: 'verification.send' }));
        });
        assert.deepEqual(await s.verifications.latest('agent-1', 'user-1', 'sms'), kept);
        await assert.rejects(
          s.verifications.unit(async (tx) => {
            await tx.insert(challenge({ createdAt: T0 + 1 }));
            await tx.audit(event({ action: 'verification.check' }));
            await elsewhere();
            throw new Error('the check failed');
          }),
          /the check failed/,
        );
        assert.deepEqual(await s.verifications.latest('agent-1', 'user-1', 'sms'), kept, 'the second insert was rolled back');
        assert.equal(await s.audit.count({ action: 'verification.check' }), 0, 'and its audit');
        assert.equal(await s.audit.count({ action: 'verification.send' }), 1);
      });

      it('units run one at a time: a count and an insert are never interleaved (the hourly send limit)', async () => {
        const LIMIT = 5;
        const tries = Array.from({ length: 12 }, (_, i) =>
          s.verifications.unit(async (tx) => {
            const sent = await tx.sentSince('user-1', 'sms', T0 - 3_600_000);
            await elsewhere();
            if (sent >= LIMIT) return false;
            await tx.insert(challenge({ createdAt: T0 + i }));
            return true;
          }),
        );
        const sent = await Promise.all(tries);
        assert.equal(sent.filter(Boolean).length, LIMIT);
        assert.equal(await s.verifications.sentSince('user-1', 'sms', T0 - 3_600_000), LIMIT);
      });

      it('a write beside an open unit is its own: it stays when the unit rolls back', async () => {
        let opened!: () => void;
        const open = new Promise<void>((resolve) => (opened = resolve));
        const failing = s.verifications.unit(async (tx) => {
          await tx.insert(challenge());
          opened();
          await elsewhere();
          throw new Error('rolled back');
        });
        await open;
        const beside = s.audit.append(event({ action: 'signin' }), T0);
        await assert.rejects(failing, /rolled back/);
        await beside;
        assert.equal(await s.audit.count({ action: 'signin' }), 1, 'the append outside the unit was kept');
        assert.equal(await s.verifications.latest('agent-1', 'user-1', 'sms'), null);
      });

      it('supersede closes the pending ones, withdraw one; sent codes still count; reads see what the units wrote', async () => {
        const a = challenge({ createdAt: T0 });
        const b = challenge({ createdAt: T0 + 10 });
        const other = challenge({ method: 'email', createdAt: T0 + 20 });
        await s.verifications.unit(async (tx) => {
          await tx.insert(a);
          await tx.supersede('agent-1', 'user-1', 'sms');
          await tx.insert(b);
          await tx.insert(other);
          await tx.withdraw(b.id);
        });
        assert.equal((await s.verifications.latest('agent-1', 'user-1', 'sms'))?.status, 'superseded');
        assert.equal((await s.verifications.latest('agent-1', 'user-1', 'email'))?.status, 'pending', 'another method is untouched');
        assert.equal(await s.verifications.sentSince('user-1', 'sms', T0), 2, 'withdrawn and superseded codes were sent');
        assert.equal(await s.verifications.sentSince('user-1', 'sms', T0 + 5), 1);

        await s.verifications.unit(async (tx) => {
          await tx.update(other.id, { attempts: 1, status: 'verified', verifiedAt: T0 + 30 });
          assert.equal(typeof tx.now, 'number');
        });
        assert.deepEqual((await s.verifications.verifiedSince('agent-1', 'user-1', T0 + 30)).map((c) => c.id), [other.id]);
        assert.deepEqual(await s.verifications.verifiedSince('agent-1', 'user-1', T0 + 31), []);
        assert.deepEqual(await s.verifications.verifiedSince('agent-2', 'user-1', T0), [], "only this agent's");
      });

      it('the last accepted authenticator code, by any agent', async () => {
        assert.equal(await s.verifications.lastTotpSuccess('user-1'), null);
        const older = challenge({ method: 'totp', agentId: 'agent-1', createdAt: T0, status: 'verified', verifiedAt: T0 });
        const newer = challenge({ method: 'totp', agentId: 'agent-2', createdAt: T0 + 30_000, status: 'verified', verifiedAt: T0 + 30_000 });
        const failed = challenge({ method: 'totp', createdAt: T0 + 60_000, status: 'failed' });
        await s.verifications.unit(async (tx) => {
          await tx.insert(older);
          await tx.insert(newer);
          await tx.insert(failed);
        });
        assert.equal((await s.verifications.lastTotpSuccess('user-1'))?.id, newer.id);
      });

      it('serialise passes on the work and its failure', async () => {
        assert.equal(await s.verifications.serialise(async () => 42), 42);
        await assert.rejects(s.verifications.serialise(async () => Promise.reject(new Error('no keychain'))), /no keychain/);
      });
    });

    describe('temporary passwords', () => {
      it('an issue supersedes the open one of the same user; the latest is the new one', async () => {
        const first = await s.temporaryPasswords.issue(issue('u1', T0));
        const second = await s.temporaryPasswords.issue(issue('u1', T0 + 1000));
        assert.notEqual(first, second);
        const latest = await s.temporaryPasswords.latest('u1');
        assert.equal(latest?.id, second);
        assert.deepEqual(
          { ...latest, id: 0 },
          { ...issue('u1', T0 + 1000), id: 0, firstUsedAt: null, changedAt: null, supersededAt: null },
        );
        assert.equal(await s.temporaryPasswords.countOpen(), 1, 'the first is closed');
        assert.equal(await s.temporaryPasswords.latest('nobody'), null);
      });

      it('the open ones oldest first, by page; their users; the count', async () => {
        await s.temporaryPasswords.issue(issue('u2', T0 + 2000));
        await s.temporaryPasswords.issue(issue('u1', T0 + 1000));
        await s.temporaryPasswords.issue(issue('u3', T0 + 3000));
        assert.deepEqual((await s.temporaryPasswords.open({ limit: 10, offset: 0 })).map((r) => r.targetId), ['u1', 'u2', 'u3']);
        assert.deepEqual((await s.temporaryPasswords.open({ limit: 1, offset: 1 })).map((r) => r.targetId), ['u2']);
        assert.deepEqual(await s.temporaryPasswords.openTargetIds(2), ['u1', 'u2']);
        assert.equal(await s.temporaryPasswords.countOpen(), 3);
      });

      it('first use is marked once; a change closes it; neither when none is open', async () => {
        await s.temporaryPasswords.issue(issue('u1', T0));
        assert.equal(await s.temporaryPasswords.markFirstUse('u1', T0 + 10), true);
        assert.equal(await s.temporaryPasswords.markFirstUse('u1', T0 + 20), false, 'the first time only');
        assert.equal((await s.temporaryPasswords.latest('u1'))?.firstUsedAt, T0 + 10);
        assert.equal(await s.temporaryPasswords.markChanged('u1', T0 + 30), true);
        assert.equal((await s.temporaryPasswords.latest('u1'))?.changedAt, T0 + 30);
        assert.equal(await s.temporaryPasswords.countOpen(), 0);
        assert.equal(await s.temporaryPasswords.markChanged('u1', T0 + 40), false);
        assert.equal(await s.temporaryPasswords.markFirstUse('u2', T0), false);
      });
    });

    describe('password history', () => {
      it('keeps the newest N of each user, newest first', async () => {
        await s.passwordHistory.add('u1', 'h1', T0, 2);
        await s.passwordHistory.add('u1', 'h2', T0 + 1, 2);
        await s.passwordHistory.add('u2', 'x1', T0 + 2, 2);
        await s.passwordHistory.add('u1', 'h3', T0 + 3, 2);
        assert.deepEqual(await s.passwordHistory.recent('u1', 10), ['h3', 'h2'], 'the oldest was dropped');
        assert.deepEqual(await s.passwordHistory.recent('u1', 1), ['h3']);
        assert.deepEqual(await s.passwordHistory.recent('u2', 10), ['x1'], 'another user is untouched');
        assert.deepEqual(await s.passwordHistory.recent('u1', 0), []);
      });
    });

    describe('app settings', () => {
      it('a value by key; null removes it', async () => {
        assert.equal(await s.appSettings.get('probe'), null);
        await s.appSettings.set('probe', 'one');
        await s.appSettings.set('probe', 'two');
        assert.equal(await s.appSettings.get('probe'), 'two');
        await s.appSettings.set('probe', null);
        assert.equal(await s.appSettings.get('probe'), null);
      });
    });

    describe('kept outbox', () => {
      // Sealed as kept-outbox.ts seals (a versioned envelope): the store only keeps it.
      const kept = (id: string, receivedAt: number) => ({ id, receivedAt, channel: 'email' as const, sealed: `v1.sealed-${id}` });

      it('keeps the newest within the bound, none older than its start', async () => {
        const bound = { keep: 2, since: T0 };
        await s.outbox.add(kept('a', T0 + 1), bound);
        await s.outbox.add(kept('b', T0 + 2), bound);
        await s.outbox.add(kept('c', T0 + 3), bound);
        assert.deepEqual((await s.outbox.list({ keep: 10, since: T0 })).map((r) => r.id), ['c', 'b'], 'the oldest went past the count');
        await s.outbox.add(kept('d', T0 + 4), { keep: 10, since: T0 + 3 });
        assert.deepEqual((await s.outbox.list({ keep: 10, since: 0 })).map((r) => r.id), ['d', 'c'], 'b arrived before the start');
        assert.deepEqual(await s.outbox.list({ keep: 1, since: 0 }), [kept('d', T0 + 4)]);
      });
    });

    it('the clock is the store’s', () => {
      assert.equal(typeof s.clock(), 'number');
    });
  });
}
