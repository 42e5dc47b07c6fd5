/** BENCHMARKS.md (and the same tables on the terminal): machine, date, tables, targets. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { TypistResult } from './keystroke';
import type { SearchRow } from './search-table';
import { ms } from './stats';
import type { Verdict } from './targets';

export interface SizeReport {
  label: string;
  /** Why this size was not measured (not built, or a step failed). */
  notBuilt?: string;
  slapdNote?: string;
  rows?: SearchRow[];
  /** The state filters (issue 17), ours only. */
  filteredRows?: SearchRow[];
  extras: string[];
}

export interface BenchReport {
  quick: boolean;
  startedAt: Date;
  /** 1-minute load average when the run started (other work on the machine skews every figure). */
  loadAtStart: number;
  seconds: number;
  sizes: SizeReport[];
  typing?: { label: string; typists: TypistResult[] };
  verdicts: Verdict[];
  notes: string[];
}

export function machine(): string[] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  // slapd -VV prints its version on stderr.
  const version = spawnSync('/usr/sbin/slapd', ['-VV'], { encoding: 'utf8' });
  const slapd = version.error ? 'not installed' : (/slapd ([\d.]+)/.exec(`${version.stderr}${version.stdout}`)?.[1] ?? 'installed');
  return [
    `- Code: ${codeVersion()}`,
    `- CPU: ${model}, ${os.availableParallelism()} cores available (nproc)`,
    `- RAM: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()}`,
    `- Node.js ${process.versions.node}, SQLite via better-sqlite3, OpenLDAP slapd ${slapd}`,
  ];
}

/** The commit measured, and whether the checkout held uncommitted product code (shared checkouts do). */
function codeVersion(): string {
  const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const changed = git(['status', '--porcelain', '--', 'main', 'renderer', 'preload', 'bin']).split('\n').filter(Boolean).length;
  return changed ? `commit ${commit} plus ${changed} uncommitted file(s) under main/, renderer/, preload/, bin/` : `commit ${commit}`;
}

function searchTableMarkdown(rows: SearchRow[]): string[] {
  const engines = Object.keys(rows[0]?.timings ?? {});
  const hasSlapd = engines.includes('slapd');
  const head = ['Query class', 'Offset', 'ours p50', 'ours p95', 'ours max', 'ours n'];
  if (hasSlapd) head.push('slapd p50', 'slapd p95', 'slapd max', 'slapd n', 'p95 ours ÷ slapd');
  head.push('1st query page');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) {
    const o = row.timings.ours!;
    const cells = [row.queryClass, String(row.offset), ms(o.p50), ms(o.p95), ms(o.max), String(o.n)];
    if (hasSlapd) {
      const s = row.timings.slapd!;
      cells.push(ms(s.p50), ms(s.p95), ms(s.max), String(s.n), (o.p95 / s.p95).toFixed(2));
    }
    cells.push(engines.map((e) => row.found[e]).join(' / '));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

export function renderReport(report: BenchReport): string {
  const out: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${report.quick ? ' -- --quick' : ''}\` (scripts/bench/) on ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, one run of ${Math.round(report.seconds / 60)} min. Times in milliseconds.${report.quick ? ' Quick mode: 100k only, fewer iterations.' : ''}`,
    '',
    '## Machine',
    '',
    ...machine(),
    `- Load average (1 min): ${report.loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end of the run`,
    ...(Math.max(report.loadAtStart, os.loadavg()[0]!) > os.availableParallelism()
      ? ['', `The load exceeded the ${os.availableParallelism()} cores: other work shared the machine during the run, so the timings (tails above all) are pessimistic. Run it on a quiet machine for figures to compare.`]
      : []),
    '',
  ];
  for (const size of report.sizes) {
    out.push(`## Search, ${size.label} directory`, '');
    if (size.notBuilt) {
      out.push(`${size.label}: not built (${size.notBuilt})`, '');
      continue;
    }
    if (size.slapdNote) out.push(size.slapdNote, '');
    if (size.rows?.length) out.push(...searchTableMarkdown(size.rows), '');
    if (size.filteredRows?.length) out.push('Browsing by state (the filters; ours only):', '', ...searchTableMarkdown(size.filteredRows), '');
    for (const line of size.extras) out.push(`- ${line}`);
    if (size.extras.length) out.push('');
  }
  if (report.typing) {
    out.push(`## Keystroke to painted, Chromium target, ${report.typing.label} directory`, '');
    out.push('| Typist | Gap between keys | p50 | p95 | max | n | never painted | stale paints |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const t of report.typing.typists) {
      out.push(`| ${t.typist} | ${t.gapMs} ms | ${ms(t.latency.p50)} | ${ms(t.latency.p95)} | ${ms(t.latency.max)} | ${t.latency.n} | ${t.missing.length} | ${t.stale} |`);
    }
    out.push('');
  }
  out.push('## Targets', '', '| Target | Measured | Result | How close |', '|---|---|---|---|');
  for (const v of report.verdicts) out.push(`| ${v.target} | ${v.measured} | ${v.met ? 'met' : '**not met**'} | ${v.closeness} |`);
  out.push('', '## How it was measured', '', ...report.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
