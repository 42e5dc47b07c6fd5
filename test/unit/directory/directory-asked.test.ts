/** Issue 16, item 3: an agent's refused sign-in says which directory answered, in the CLI and the app alike. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directoryAsked } from '../../../main/directory/directory';
import { signInRefusal, withAsked } from '../../../main/reset/signin';
import { DomainError, ERROR_MESSAGES } from '../../../main/domain/errors';

test('the directory asked, in words: a profile by name, kind and URLs; the embedded one by its file', () => {
  assert.equal(directoryAsked({ kind: 'openldap', location: 'ldaps://ol1:636 ldaps://ol2:636', profileName: 'corp' }), 'corp, OpenLDAP at ldaps://ol1:636 ldaps://ol2:636');
  assert.equal(directoryAsked({ kind: 'ad', location: 'ldaps://dc1:636', profileName: 'AD' }), 'AD, Active Directory at ldaps://dc1:636');
  assert.equal(directoryAsked({ kind: 'embedded', location: '/home/a/directory.sqlite' }), 'the embedded directory in /home/a/directory.sqlite');
});

test("a refusal and a failure keep their code and Entra's words, and add where they were asked", () => {
  const refused = signInRefusal('invalid_credentials', 'corp, OpenLDAP at ldaps://ol1:636');
  assert.equal(refused.code, 'AUTH_FAILED');
  assert.equal(refused.message, `${ERROR_MESSAGES.AUTH_FAILED} (asked: corp, OpenLDAP at ldaps://ol1:636)`);
  assert.equal(signInRefusal('locked').message, ERROR_MESSAGES.LOCKED_OUT, 'no directory given: the words alone');
  const failed = withAsked(new DomainError('DIRECTORY_CERTIFICATE', '(CERT_HAS_EXPIRED)'), 'corp, OpenLDAP at ldaps://ol1:636') as DomainError;
  assert.equal(failed.code, 'DIRECTORY_CERTIFICATE');
  assert.equal(failed.message, `${ERROR_MESSAGES.DIRECTORY_CERTIFICATE} (CERT_HAS_EXPIRED) (asked: corp, OpenLDAP at ldaps://ol1:636)`);
  const bug = new Error('not ours to dress up');
  assert.equal(withAsked(bug, 'x'), bug);
});
