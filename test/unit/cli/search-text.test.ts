import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchText } from '../../../main/cli/format';
import type { DirectoryUser } from '../../../main/domain/types';

const user = (n: number) =>
  ({ displayName: `User ${n}`, upn: `user${n}@contoso.com`, department: null, roles: [], locked: false, enabled: true, userType: 'member', source: 'cloud', adminCount: 0, domainType: 'managed' }) as unknown as DirectoryUser;
const users = (n: number) => Array.from({ length: n }, (_, i) => user(i + 1));

describe('resetdesk users search, text output', () => {
  it('says which part of how many the table shows, with thousands separators', () => {
    assert.match(searchText({ users: users(25), total: { count: 1342, exact: true } }, 0), /\nShowing 1–25 of 1,342\.\n$/);
    assert.match(searchText({ users: users(25), total: { count: 1342, exact: true } }, 1000), /Showing 1,001–1,025 of 1,342\.\n$/);
    assert.match(searchText({ users: users(25), total: { count: 1000, exact: false } }, 0), /Showing 1–25 of more than 1,000\.\n$/);
  });

  it('adds nothing when every match is on screen', () => {
    const text = searchText({ users: users(2), total: { count: 2, exact: true } }, 0);
    assert.doesNotMatch(text, /Showing/);
    assert.equal(searchText({ users: [], total: { count: 0, exact: true } }, 0), 'No users found.\n');
  });
});
