import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { openOrCreateDirectory } from '../../../main/app/first-run';
import { ROLES } from '../../../main/reset/roles';
import { FAST_HASHER, tempDir } from '../../support/fixtures';

const dir = tempDir();
after(() => dir.cleanup());

it('creates the Contoso sample on first run, then opens the same file without recreating it', async () => {
  const path = join(dir.path, 'Resetdesk', 'directory.sqlite');
  const first = await openOrCreateDirectory(path, { hasher: FAST_HASHER });
  assert.equal(first.store.tenant.get().name, 'Contoso');
  assert.equal(first.store.users.count(), 500);
  const roles = new Set(first.createdAccounts?.flatMap((a) => a.roles));
  for (const role of Object.values(ROLES)) assert.ok(roles.has(role), `a first-run account holds ${role}`);
  first.store.close();

  const second = await openOrCreateDirectory(path, { hasher: FAST_HASHER });
  assert.equal(second.createdAccounts, null, 'no new passwords on later runs');
  assert.equal(second.store.users.count(), 500);
  second.store.close();
});
