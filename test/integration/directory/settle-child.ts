/**
 * Test support, run as a child process by intent-outcomes.test.ts: opens the
 * local file, says READY, waits for the parent's "go" line on stdin, then
 * records an outcome for the intent at once (as every settling process would)
 * and prints what the file answered.
 * argv: local file, intent id, result (success | failure).
 */
import { once } from 'node:events';
import { DirectoryStore } from '../../../main/directory/sqlite/store';

const [file, intent, result] = process.argv.slice(2) as [string, string, 'success' | 'failure'];
const store = DirectoryStore.open(file);
process.stdout.write('READY\n');
await once(process.stdin, 'data');
const settled = await store.stores.audit.settle(
  {
    actorId: null,
    actorUpn: 'helpdesk.agent@contoso.com',
    targetId: 't',
    targetUpn: 'adele.vance@contoso.com',
    action: 'password.reset',
    result,
    errorCode: result === 'success' ? null : 'DIRECTORY_CONNECTION_LOST',
    detail: JSON.stringify({ pid: process.pid }),
    intentId: Number(intent),
  },
  Date.now(),
);
process.stdout.write(`${JSON.stringify({ recorded: settled.recorded, outcome: settled.outcome.id })}\n`);
store.close();
process.exit(0);
