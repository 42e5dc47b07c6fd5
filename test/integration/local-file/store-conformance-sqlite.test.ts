/**
 * The store ports' conformance suite on the local SQLite file: a fresh file
 * made as `resetdesk init` makes one for a real directory (the tenant alone),
 * reached only through its ports (DirectoryStore.stores).
 */
import { join } from 'node:path';
import { after } from 'node:test';
import { initDirectory } from '../../../main/app/init-directory';
import { storeConformance } from '../../conformance/store-conformance';
import { FAST_HASHER, tempDir } from '../../support/fixtures';

const dir = tempDir('resetdesk-store-conformance-');
after(() => dir.cleanup());
let files = 0;

storeConformance('the local SQLite file', async () => {
  const { store } = await initDirectory(join(dir.path, `stores-${++files}.sqlite`), { kind: 'local', tenantName: 'Contoso', domain: 'contoso.com' }, { hasher: FAST_HASHER });
  return { stores: store.stores, close: () => store.stores.close() };
});
