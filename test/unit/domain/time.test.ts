/**
 * Issue 17, item 9: main's two forms of a time, in the zone the process runs
 * in (TZ). Files and JSON: ISO 8601 with the local offset; the CLI's text: the
 * local time and its offset. Each zone here is set for the test and put back.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { isoWithOffset, localDay, localDayBounds, localTimeText, withLocalOffsets } from '../../../main/domain/time';

const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

/** Node reads TZ again when it changes. */
const inZone = (tz: string) => {
  process.env.TZ = tz;
};

const WINTER = '2026-12-07T19:15:42.123Z';
const SUMMER = '2026-07-01T12:00:00.000Z';

test('ISO 8601 with the local offset, summer time included, the same instant', () => {
  inZone('Europe/Paris');
  assert.equal(isoWithOffset(WINTER), '2026-12-07T20:15:42+01:00');
  assert.equal(isoWithOffset(SUMMER), '2026-07-01T14:00:00+02:00');
  inZone('Asia/Kolkata');
  assert.equal(isoWithOffset(Date.parse(WINTER)), '2026-12-08T00:45:42+05:30');
  inZone('America/St_Johns');
  assert.equal(isoWithOffset(new Date(WINTER)), '2026-12-07T15:45:42-03:30');
  inZone('UTC');
  assert.equal(isoWithOffset(WINTER), '2026-12-07T19:15:42+00:00');
  for (const tz of ['Europe/Paris', 'Asia/Kolkata', 'America/St_Johns']) {
    inZone(tz);
    assert.equal(Date.parse(isoWithOffset(WINTER)), Date.parse(WINTER) - 123, `${tz}: the same instant, to the second`);
  }
});

test("the CLI's text is the local clock with its offset", () => {
  inZone('Europe/Paris');
  assert.equal(localTimeText(WINTER), '2026-12-07 20:15 +01:00');
  inZone('America/Los_Angeles');
  assert.equal(localTimeText(WINTER), '2026-12-07 11:15 -08:00');
  assert.equal(localDay(WINTER), '2026-12-07');
  inZone('Asia/Tokyo');
  assert.equal(localDay(WINTER), '2026-12-08');
  assert.equal(localTimeText('not a time'), 'not a time');
});

test("JSON output: main's UTC timestamps get the offset, other text is left alone", () => {
  inZone('Europe/Paris');
  const json = JSON.stringify({ at: WINTER, upn: 'adele@contoso.com', detail: `{"at":"${WINTER}"}`, day: '2026-12-07', n: 3 }, withLocalOffsets);
  assert.deepEqual(JSON.parse(json), { at: '2026-12-07T20:15:42+01:00', upn: 'adele@contoso.com', detail: `{"at":"${WINTER}"}`, day: '2026-12-07', n: 3 });
});

test('a typed day is its first and last millisecond in the local zone; a day that does not exist is none', () => {
  inZone('Asia/Kolkata');
  assert.deepEqual(localDayBounds('2026-12-07'), { start: Date.parse('2026-12-06T18:30:00Z'), end: Date.parse('2026-12-07T18:29:59.999Z') });
  inZone('Europe/Paris');
  // The day summer time ends has 25 hours.
  const autumn = localDayBounds('2026-10-25')!;
  assert.equal(autumn.end - autumn.start + 1, 25 * 3600_000);
  for (const bad of ['2026-02-29', '2026-13-01', '2026-12-7', '07-12-2026', '']) assert.equal(localDayBounds(bad), null, bad);
});
