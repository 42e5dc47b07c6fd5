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
  return {
    stores: store.stores,
    close: () => store.stores.close(),
    tamper: {
      // Plain SQL on the file, as a SQL client would (the adapter's own writes never update or delete an event).
      editResult: async (id, result) => void store.db.prepare('UPDATE audit_events SET result = ? WHERE id = ?').run(result, id),
      removeEvent: async (id) => {
        store.db.prepare('DELETE FROM audit_outcomes WHERE intent_id = ? OR outcome_id = ?').run(id, id);
        store.db.prepare('DELETE FROM audit_events WHERE id = ?').run(id);
      },
    },
  };
});
