/** The audit's hash chain (main/domain/audit-chain.ts): an edit, a removal or a cut tail is named at its first event. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { AUDIT_CHAIN_START, auditChainText, verifyAuditChain, type ChainedAuditFacts, type StoredChainLink } from '../../../main/domain/audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): StoredChainLink[] {
  const links: StoredChainLink[] = [];
  let previous = AUDIT_CHAIN_START;
  for (let seq = 1; seq <= count; seq += 1) {
    const facts: ChainedAuditFacts = {
      seq,
      at: 1_780_000_000_000 + seq * 1000,
      actorId: 'a1',
      actorUpn: 'helpdesk.admin@contoso.com',
      targetId: `u${seq}`,
      targetUpn: `user${seq}@contoso.com`,
      action: seq % 2 ? 'password.reset' : 'account.unlock',
      result: 'success',
      errorCode: null,
      detail: null,
      intentId: null,
    };
    const hash = sha256(auditChainText(previous, facts));
    links.push({ ...facts, previousHash: previous, hash });
    previous = hash;
  }
  return links;
}

const headOf = (links: StoredChainLink[]) => ({ seq: links.at(-1)!.seq, hash: links.at(-1)!.hash });

test('an untouched chain holds', async () => {
  const links = chain(5);
  assert.deepEqual(await verifyAuditChain(links, sha256, headOf(links)), { checked: 5, broken: null });
  assert.deepEqual(await verifyAuditChain([], sha256, null), { checked: 0, broken: null });
});

test('an edited fact is named at its event, whichever field', async () => {
  for (const edit of [{ result: 'failure' }, { targetUpn: 'someone.else@contoso.com' }, { at: 1 }, { detail: '{"x":1}' }, { actorId: null }]) {
    const links = chain(5);
    links[2] = { ...links[2]!, ...edit };
    assert.deepEqual((await verifyAuditChain(links, sha256, headOf(chain(5)))).broken, { seq: 3, why: 'edited' }, JSON.stringify(edit));
  }
});

test('a removed event is named where it was', async () => {
  const links = chain(5);
  links.splice(1, 1);
  assert.deepEqual((await verifyAuditChain(links, sha256, headOf(links))).broken, { seq: 2, why: 'removed' });
});

test('an event rewritten with a new hash of its own still breaks at the next one', async () => {
  const links = chain(4);
  const edited = { ...links[1]!, result: 'failure' };
  edited.hash = sha256(auditChainText(edited.previousHash, edited));
  links[1] = edited;
  assert.deepEqual((await verifyAuditChain(links, sha256, headOf(chain(4)))).broken, { seq: 3, why: 'edited' });
});

test('the newest events cut off: the head names them', async () => {
  const links = chain(5);
  const head = headOf(links);
  assert.deepEqual((await verifyAuditChain(links.slice(0, 3), sha256, head)).broken, { seq: 4, why: 'head' });
});
