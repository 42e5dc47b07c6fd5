/**
 * Child process of the bench (bundled by esbuild so no TypeScript loader
 * weighs on it): opens the directory the way the app's main process does,
 * runs 1,000 searches over the query classes, and prints its resident set size
 * as JSON on stdout. A process of its own, so nothing else of the bench counts.
 */
import { DirectoryStore } from '../../main/directory/store';
import { createServices } from '../../main/services';

const [dbPath, queriesJson, countText] = process.argv.slice(2);
const queries = JSON.parse(queriesJson!) as string[];
const count = Number(countText);
const store = DirectoryStore.open(dbPath!);
const { directory } = createServices(store);
const before = process.memoryUsage().rss;
for (let i = 0; i < count; i++) {
  await directory.searchUsers(queries[i % queries.length]!, { limit: 20, offset: i % 2 === 0 ? 0 : 100 });
}
const after = process.memoryUsage();
store.close();
process.stdout.write(JSON.stringify({ openRss: before, rss: after.rss, heapUsed: after.heapUsed, searches: count }));
