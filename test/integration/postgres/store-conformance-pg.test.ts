/**
 * The store ports' conformance suite (test/conformance/store-conformance.ts)
 * on the team's PostgreSQL, unchanged: each case gets a fresh database,
 * migrated as the owner and used as the server's role (which may not update
 * or delete an audit event), holding one tenant as `resetdesk init` makes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { openPool } from '../../../main/postgres/connection';
import { pgStores } from '../../../main/postgres/pg-stores';
import { storeConformance } from '../../conformance/store-conformance';
import { POSTGRES_JSON, makeTeamStore, optionsFor, type PostgresInfo } from '../../support/postgres';

const info = existsSync(POSTGRES_JSON) ? (JSON.parse(readFileSync(POSTGRES_JSON, 'utf8')) as PostgresInfo) : null;

if (!info) {
  const reason = `no ${POSTGRES_JSON}: start the test PostgreSQL with scripts/postgres/up.sh (as root)`;
  if (process.env.CI === 'true') throw new Error(reason);
  test('store conformance: the team PostgreSQL', (t) => t.skip(reason));
} else {
  storeConformance('the team PostgreSQL', async () => {
    const name = `rd_${randomBytes(6).toString('hex')}`;
    const admin = openPool({ ...optionsFor(info, 'superuser', 'postgres'), maxConnections: 1 });
    await admin.query(`CREATE DATABASE ${name} OWNER ${info.owner.user}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${name} TO ${info.app.user}`);
    const owner = openPool({ ...optionsFor(info, 'owner', name), maxConnections: 2 });
    const app = openPool({ ...optionsFor(info, 'app', name), maxConnections: 4 });
    await makeTeamStore(info, owner, app);
    const stores = pgStores(app, () => Date.now());
    return {
      stores,
      close: async () => {
        await stores.close();
        await owner.end();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
      tamper: {
        // As the schema's owner with a SQL client: the server's own role could do neither.
        editResult: async (id, result) => void (await owner.query('UPDATE audit_events SET result = $1 WHERE id = $2', [result, id])),
        removeEvent: async (id) => {
          await owner.query('DELETE FROM audit_outcomes WHERE intent_id = $1 OR outcome_id = $1', [id]);
          await owner.query('DELETE FROM audit_events WHERE id = $1', [id]);
        },
      },
    };
  });
}
