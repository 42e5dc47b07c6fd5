/**
 * `resetdesk tenant show`: the settings an agent decides by, in words, the
 * caller-verification rule included (a Global Administrator reads it there
 * after `tenant set callerVerification`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tenantText } from '../../../main/cli/format';
import { CALLER_VERIFICATION_RULES, DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, DEFAULT_TENANT_EXTRAS, type TenantSettings } from '../../../main/domain/types';

const tenant = (change: Partial<TenantSettings> = {}): TenantSettings => ({
  tenantId: 't-1',
  name: 'Contoso',
  domains: [{ name: 'contoso.com', type: 'managed', isDefault: true }],
  passwordWriteback: true,
  temporaryPasswordLifetimeDays: null,
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  lockoutPolicy: DEFAULT_LOCKOUT_POLICY,
  ...DEFAULT_TENANT_EXTRAS,
  ...change,
});

const line = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(`${label}:`));

test('the caller-verification rule reads in words, each of the four differently', () => {
  const lines = CALLER_VERIFICATION_RULES.map((rule) => line(tenantText(tenant({ callerVerification: rule }), '/x.sqlite'), 'Caller verification'));
  assert.equal(lines[3], 'Caller verification: two methods for users holding an admin role, recommended for the others');
  assert.equal(lines[0], 'Caller verification: off');
  assert.equal(new Set(lines).size, 4);
});

test('password history and the custom banned list are counted', () => {
  assert.equal(line(tenantText(tenant({ passwordHistoryCount: 0 }), '/x'), 'Password history'), 'Password history: off');
  assert.equal(line(tenantText(tenant({ passwordHistoryCount: 5 }), '/x'), 'Password history'), 'Password history: the last 5 may not be reused');
  assert.equal(line(tenantText(tenant({ bannedPasswords: ['fabrikam'] }), '/x'), 'Banned passwords'), 'Banned passwords: the global list and 1 custom term');
});
