/**
 * Child process of the bench (bundled by esbuild so no TypeScript loader
 * weighs on it): opens the directory the way the app's main process does
 * (search thread included, where there is one),
 * runs 1,000 searches over the query classes, and prints its resident set size
 * as JSON on stdout. A process of its own, so nothing else of the bench counts.
 */
import { openAsTheApp } from './app-directory';

const [dbPath, queriesJson, countText] = process.argv.slice(2);
const queries = JSON.parse(queriesJson!) as string[];
const count = Number(countText);
const app = await openAsTheApp(dbPath!);
const directory = app.services.directory.as(null);
const before = process.memoryUsage().rss;
for (let i = 0; i < count; i++) {
  await directory.searchUsers(queries[i % queries.length]!, { limit: 20, offset: i % 2 === 0 ? 0 : 100 });
}
const after = process.memoryUsage();
await app.close();
process.stdout.write(JSON.stringify({ searchMode: app.searchMode, openRss: before, rss: after.rss, heapUsed: after.heapUsed, searches: count }));
