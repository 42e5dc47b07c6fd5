import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvRow } from '../../../main/ipc/csv';

describe('CSV cells a spreadsheet reads back as written', () => {
  it('quotes a cell holding a comma, a quote or a line break, doubling quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  });

  it('guards cells that a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const formula of ['=HYPERLINK("http://evil")', '+1+1', '-2', '@SUM(A1)', '\tTAB', '\r=1']) {
      assert.ok(csvCell(formula).replace(/^"/, '').startsWith("'"), `${JSON.stringify(formula)} → ${csvCell(formula)}`);
    }
    assert.equal(csvCell('=1,2'), `"'=1,2"`, 'guarded and quoted');
    assert.equal(csvCell('a=b'), 'a=b', 'only a leading sign is a formula');
  });

  it('writes empty cells for null and numbers as they are, one CRLF-ended row', () => {
    assert.equal(csvRow([1, null, undefined, 'x', true]), '1,,,x,true\r\n');
    assert.equal(csvCell(-5), '-5', 'a number is data, not a formula');
  });
});
