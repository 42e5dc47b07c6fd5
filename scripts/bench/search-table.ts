/** Runs every query class at every offset on each engine: the rows of the search table. */
import type { SearchEngine } from './engines';
import { OFFSETS, type QueryClass } from './queries';
import { progress, summarize, timeQueries, type Summary } from './stats';

export interface SearchRow {
  queryClass: string;
  offset: number;
  /** Results on the page for the class's first query, per engine (a sanity check that both found something). */
  found: Record<string, number>;
  timings: Record<string, Summary>;
}

export interface SearchPlan {
  rounds: number;
  /** Time budget per class, offset and engine (ms). */
  budgetMs: number;
}

export async function searchTable(classes: QueryClass[], engines: SearchEngine[], plan: SearchPlan): Promise<SearchRow[]> {
  const rows: SearchRow[] = [];
  for (const queryClass of classes) {
    for (const offset of OFFSETS) {
      const row: SearchRow = { queryClass: queryClass.name, offset, found: {}, timings: {} };
      for (const engine of engines) {
        row.found[engine.name] = await engine.search(queryClass.queries[0]!, offset, queryClass.filter);
        const samples = await timeQueries(queryClass.queries, plan.rounds, plan.budgetMs, (q) => engine.search(q, offset, queryClass.filter));
        row.timings[engine.name] = summarize(samples);
      }
      const cells = engines.map((e) => `${e.name} p95 ${row.timings[e.name]!.p95.toFixed(2)} ms`).join(', ');
      progress(`  ${queryClass.name}, offset ${offset}: ${cells}`);
      rows.push(row);
    }
  }
  return rows;
}
