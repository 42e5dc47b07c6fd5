/** The targets, each judged met / not met with how close the measurement came. */
import type { UnreachableTimes } from './bounded-answers';
import type { TypistResult } from './keystroke';
import type { RssResult } from './process-costs';
import type { ResetLoadResult } from './reset-load';
import type { SearchRow } from './search-table';
import { ms, type Summary } from './stats';

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
  /** How close: the measurement as a share or multiple of the limit. */
  closeness: string;
}

function against(value: number, limit: number): string {
  if (!Number.isFinite(value)) return 'not measured';
  if (value <= 0) return 'well within';
  const ratio = value / limit;
  return ratio <= 1 ? `${Math.round(ratio * 100)}% of the limit` : `${ratio.toFixed(1)}× the limit`;
}

function upTo(target: string, value: number, limit: number, measured: string): Verdict {
  return { target, measured, met: Number.isFinite(value) && value <= limit, closeness: against(value, limit) };
}

/** The worst class for one statistic, with its name. */
function worst(rows: SearchRow[], engine: string, pick: (s: Summary) => number): { value: number; where: string } {
  let value = -Infinity;
  let where = '–';
  for (const row of rows) {
    const v = pick(row.timings[engine]!);
    if (v > value) {
      value = v;
      where = `${row.queryClass}, offset ${row.offset}`;
    }
  }
  return { value, where };
}

/** `mode`: where searchUsers ran ("search thread" or "in-process"); "in-process" in the issue means without IPC. */
export function searchVerdicts(label: string, rows: SearchRow[], withSlapd: boolean, mode: string): Verdict[] {
  const kind = `in-process search (${mode})`;
  const p50 = worst(rows, 'ours', (s) => s.p50);
  const p95 = worst(rows, 'ours', (s) => s.p95);
  const max = worst(rows, 'ours', (s) => s.max);
  const verdicts = [
    upTo(`${label}: ${kind} p50 ≤ 0.5 ms, every class`, p50.value, 0.5, `worst p50 ${ms(p50.value)} ms (${p50.where})`),
    upTo(`${label}: ${kind} p95 ≤ 2 ms, every class`, p95.value, 2, `worst p95 ${ms(p95.value)} ms (${p95.where})`),
    upTo(`${label}: no search over 10 ms`, max.value, 10, `slowest ${ms(max.value)} ms (${max.where})`),
  ];
  if (withSlapd) {
    const ratios = rows.map((r) => ({ r, ratio: r.timings.ours!.p95 / r.timings.slapd!.p95 }));
    const slower = ratios.filter((x) => x.ratio >= 1);
    const worstRatio = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    verdicts.push({
      target: `${label}: p95 faster than slapd's in every class`,
      measured: `${ratios.length - slower.length} of ${ratios.length} rows faster; worst ours ÷ slapd ${worstRatio.ratio.toFixed(2)} (${worstRatio.r.queryClass}, offset ${worstRatio.r.offset})`,
      met: slower.length === 0,
      closeness: slower.length === 0 ? 'met in every row' : `slower in ${slower.length} row(s)`,
    });
  }
  return verdicts;
}

export function typingVerdicts(label: string, typists: TypistResult[]): Verdict[] {
  const verdicts = typists.map((t) => {
    const extra = t.missing.length ? `; ${t.missing.length} never painted matching results (${t.missing.join(', ')})` : '';
    const v = upTo(`${label}: keystroke to painted p95 ≤ 50 ms, ${t.typist}`, t.latency.p95, 50, `p95 ${ms(t.latency.p95)} ms, p50 ${ms(t.latency.p50)} ms (n ${t.latency.n})${extra}`);
    return t.missing.length ? { ...v, met: false } : v;
  });
  const stale = typists.reduce((n, t) => n + t.stale, 0);
  verdicts.push({ target: `${label}: no stale paint`, measured: `${stale} stale paint(s)`, met: stale === 0, closeness: stale === 0 ? 'none seen' : `${stale} seen` });
  return verdicts;
}

export function cliVerdict(label: string, wall: Summary): Verdict {
  return upTo(`${label}: resetdesk users search via bin/resetdesk.mjs ≤ 100 ms wall (p95)`, wall.p95, 100, `p95 ${ms(wall.p95)} ms, p50 ${ms(wall.p50)} ms (n ${wall.n})`);
}

export function rssVerdict(label: string, rss: RssResult): Verdict {
  return upTo(
    `${label}: main-process RSS ≤ 150 MB after ${rss.searches} searches`,
    rss.rssMb,
    150,
    `${rss.rssMb.toFixed(0)} MB (${rss.openRssMb.toFixed(0)} MB just opened; JS heap ${rss.heapUsedMb.toFixed(0)} MB)`,
  );
}

export function resetVerdicts(label: string, r: ResetLoadResult, concurrent: number): Verdict[] {
  return [
    upTo(`${label}: one reset end to end within 5% of the bare scrypt cost`, r.overheadPercent, 5, `reset ${ms(r.resetMs)} ms vs scrypt ${ms(r.bareScryptMs)} ms: ${r.overheadPercent >= 0 ? '+' : ''}${r.overheadPercent.toFixed(1)}%`),
    {
      ...upTo(
        `${label}: event-loop delay p99 < 10 ms, ${concurrent} resets with a search every 50 ms`,
        r.loopDelayP99Ms,
        10,
        `p99 ${ms(r.loopDelayP99Ms)} ms, max ${ms(r.loopDelayMaxMs)} ms over ${r.loadSeconds.toFixed(1)} s; ${r.searchesDuringLoad} searches answered (${r.searchesDropped} superseded), p95 ${ms(r.searchP95DuringLoadMs)} ms`,
      ),
      met: r.loopDelayP99Ms < 10,
    },
  ];
}

/** The live banned-password check: fast enough to ask on every pause in typing. */
export function bannedCheckVerdict(check: Summary): Verdict {
  return upTo('banned-password check of a 16-character password, whole global list, p95 ≤ 5 ms', check.p95, 5, `p95 ${ms(check.p95)} ms, p50 ${ms(check.p50)} ms, max ${ms(check.max)} ms (n ${check.n})`);
}

/** A directory that cannot be reached answers DIRECTORY_UNREACHABLE within its timeouts (plus a second of slack). */
export function unreachableVerdicts(t: UnreachableTimes): Verdict[] {
  const limit = t.connectTimeoutMs + t.timeoutMs + 1000;
  return [
    upTo(`LDAP, closed port: DIRECTORY_UNREACHABLE ≤ ${limit} ms (timeouts ${t.connectTimeoutMs} + ${t.timeoutMs} ms)`, t.closedPortMs, limit, `${ms(t.closedPortMs)} ms`),
    upTo(`LDAP, a server that never answers: DIRECTORY_UNREACHABLE ≤ ${limit} ms`, t.silentServerMs, limit, `${ms(t.silentServerMs)} ms`),
  ];
}
