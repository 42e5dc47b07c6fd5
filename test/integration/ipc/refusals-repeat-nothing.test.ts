/**
 * Issue 16, L: the dispatcher promises to name fields only. Every method of
 * the contract is sent requests with a marker in every value and as a key
 * (a record's key is a role group's DN: caller text), the method name itself
 * is the marker once, and the handlers' own refusals are asked with the
 * marker as a connection's name; no answer carries the marker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { DirectoryHost } from '../../../main/app/directory-host';
import { createIpcApp, type IpcApp } from '../../../main/ipc/app';
import { contract, type IpcResult } from '../../../main/ipc/contract';
import { unwrapped } from '../../../main/ipc/field-path';
import { FAST_HASHER, sampleDirectory, type SampleFixture } from '../../support/fixtures';
import { FolderFileSaver } from '../../../main/preview/folder-file-saver';
import { MemoryClipboard } from '../../../main/preview/memory-clipboard';

const MARKER = 'Zq7Marker7qZ';
const ORIGIN = 'app://resetdesk/index.html';
const AGENT = 'global.admin@contoso.com';

/**
 * Requests shaped like the schema with the marker everywhere a value or a key
 * can go: one per variant of a union (its discriminator kept, so the variant's
 * own fields are checked), an extra marker key on every object.
 */
function poisoned(schema: z.ZodType): unknown[] {
  const at = unwrapped(schema);
  if (at instanceof z.ZodLiteral) return [at.value];
  if (at instanceof z.ZodUnion) return (at.options as z.ZodType[]).flatMap(poisoned);
  if (at instanceof z.ZodArray) return poisoned(at.element as z.ZodType).map((v) => [v, MARKER]);
  if (at instanceof z.ZodRecord) return poisoned(at.valueType as z.ZodType).map((v) => ({ [MARKER]: v, [`CN=${MARKER}\n`]: MARKER }));
  if (at instanceof z.ZodObject) {
    const fields = Object.entries(at.shape as Record<string, z.ZodType>).map(([key, field]) => [key, poisoned(field)[0]]);
    return [{ ...Object.fromEntries(fields), [MARKER]: MARKER }, Object.fromEntries(fields)];
  }
  return [MARKER];
}

describe('the dispatcher never repeats what the window sent', () => {
  let fx: SampleFixture;
  let host: DirectoryHost;
  let app: IpcApp;
  const answers: { what: string; result: IpcResult<unknown> }[] = [];
  const ask = async (what: string, method: string, request: unknown) => {
    const result = await app.dispatch(method, ORIGIN, request);
    answers.push({ what, result });
    return result;
  };

  before(async () => {
    fx = await sampleDirectory({ size: 40 });
    host = await DirectoryHost.open(fx.dbPath, { hasher: FAST_HASHER, searchInWorker: false });
    app = createIpcApp({ host, clipboard: new MemoryClipboard(), files: new FolderFileSaver(fx.dbPath + '.saves'), clock: () => Date.now(), isTrustedSender: (url) => url === ORIGIN });
  });
  /** Signed in as a Global Administrator (a poisoned request may have been an empty, valid signOut). */
  const signIn = async () => assert.ok((await app.dispatch('signIn', ORIGIN, { upn: AGENT, password: fx.passwordOf(AGENT).reveal() })).ok);
  after(async () => {
    await app.shutdown();
    await host.close();
    fx.close();
  });

  it('a request that fails its schema: the fields are named, never a value or a key the window chose', async () => {
    await signIn();
    await ask('an unknown method', MARKER, {});
    for (const method of Object.keys(contract) as (keyof typeof contract)[]) {
      const requests = [MARKER, { [MARKER]: MARKER }, ...poisoned(contract[method].request)];
      for (const [i, request] of requests.entries()) await ask(`${method} #${i}`, method, request);
    }
    const refused = answers.filter((a) => !a.result.ok);
    assert.ok(refused.length >= Object.keys(contract).length * 2, `${refused.length} refusals`);
    for (const { what, result } of refused) {
      if (result.ok) continue;
      assert.equal(result.error.message.includes(MARKER), false, `${what}: ${result.error.message}`);
    }
    const roleGroups = answers.find((a) => a.what.startsWith('saveDirectory') && !a.result.ok && a.result.error.message.includes('roleGroups'));
    assert.ok(roleGroups, 'a role group DN was refused, by its field');
  });

  it("a handler's refusal of a well-formed request: a connection's name is not repeated", async () => {
    await signIn();
    const profile = { name: `${MARKER}corp`, type: 'ad', urls: ['ldaps://dc1.corp.example:636'], baseDn: 'DC=corp,DC=example' };
    const saved = await ask('save', 'saveDirectory', { profile });
    assert.ok(saved.ok, JSON.stringify(saved));
    const refusals = [
      await ask('save again', 'saveDirectory', { profile }),
      await ask('remove unknown', 'removeDirectory', { name: MARKER }),
      await ask('use unknown', 'useDirectory', { name: MARKER }),
    ];
    for (const result of refusals) {
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.message.includes(MARKER), false, result.error.message);
    }
  });
});
