/**
 * Issue 17, items 8 and 9 on the CLI: `audit list` writes times in the local
 * time zone of the shell it runs in (TZ), with the offset; --json writes them
 * as ISO 8601 with that offset; --from and --to take days of that zone (or
 * ISO times), both ends included, as the app's date range does.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runBin } from '../../support/cli-process';
import { sampleDirectory, type SampleFixture } from '../../support/fixtures';

let fx: SampleFixture;
/** 23:30 UTC on Dec 6: Dec 7 05:00 in Kolkata, still Dec 6 in New York. */
const LATE = Date.parse('2026-12-06T23:30:00Z');

before(async () => {
  fx = await sampleDirectory({ size: 30 });
  fx.store.transaction(() => {
    for (const [i, at] of [LATE - 86_400_000, LATE, LATE + 86_400_000].entries()) {
      fx.store.audit.append({ actorId: null, actorUpn: null, targetId: null, targetUpn: `clock${i}@contoso.com`, action: 'signin', result: 'success', errorCode: null }, at);
    }
  });
  fx.store.close();
});
after(() => fx.close());

const list = (tz: string, ...args: string[]) => {
  const run = runBin(['audit', 'list', '--target', 'clock', '--db', fx.dbPath, ...args], { env: { TZ: tz } });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return run;
};

test('the text shows local time with its offset, in the zone the CLI runs in', () => {
  assert.match(list('Asia/Kolkata').stdout, /^2026-12-07 05:00 \+05:30\s+clock1@contoso\.com/m);
  assert.match(list('America/New_York').stdout, /^2026-12-06 18:30 -05:00\s+clock1@contoso\.com/m);
  assert.doesNotMatch(list('America/New_York').stdout, /T23:30|Z\b/);
});

test('--json has ISO 8601 with the local offset: the same instant', () => {
  const events = list('Asia/Kolkata', '--json').json as { at: string; targetUpn: string }[];
  const late = events.find((e) => e.targetUpn === 'clock1@contoso.com')!;
  assert.equal(late.at, '2026-12-07T05:00:00+05:30');
  assert.equal(Date.parse(late.at), LATE);
});

test('--from and --to are days of the local zone, both included', () => {
  const targets = (tz: string, ...range: string[]) => (list(tz, '--json', ...range).json as { targetUpn: string }[]).map((e) => e.targetUpn);
  assert.deepEqual(targets('Asia/Kolkata', '--from', '2026-12-07', '--to', '2026-12-07'), ['clock1@contoso.com']);
  assert.deepEqual(targets('America/New_York', '--from', '2026-12-06', '--to', '2026-12-06'), ['clock1@contoso.com']);
  assert.deepEqual(targets('America/New_York', '--from', '2026-12-07'), ['clock2@contoso.com']);
  assert.deepEqual(targets('UTC', '--to', '2026-12-06T23:30:00Z'), ['clock1@contoso.com', 'clock0@contoso.com']);
});

test('a reversed range or a date that is not one: INVALID_INPUT, exit 2, one line naming the option', () => {
  for (const range of [['--from', '2026-12-08', '--to', '2026-12-01'], ['--from', '31/12/2026']]) {
    const run = runBin(['audit', 'list', '--db', fx.dbPath, ...range], { env: { TZ: 'UTC' } });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /From date/);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.ok(!run.stderr.includes('31/12/2026'), 'the typed text is not repeated');
  }
});
