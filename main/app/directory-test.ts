import { DomainError, ERROR_MESSAGES, type ErrorCode } from '../domain/errors';
import type { Secret } from '../domain/secret';
import type { Services } from './services';
import { SIGN_IN_ERROR } from '../reset/signin';
import type { ReplicaBind } from '../directory/directory';
import type { ReplicaFeed } from '../directory/replica-feed';
import { fullReadCheck } from './full-read-check';

export interface TestStep {
  step:
    | 'reach the server'
    | 'TLS and certificate'
    | 'bind as the agent'
    | 'search users'
    | 'page through every user'
    | "the agent's groups map to a role";
  ok: boolean;
  detail: string | null;
}

const STEPS: TestStep['step'][] = [
  'reach the server',
  'TLS and certificate',
  'bind as the agent',
  'search users',
  'page through every user',
  "the agent's groups map to a role",
];

export interface TestOptions {
  /**
   * The replica's feed bound as `bind`: with it, the test also checks that the
   * server lets that bind page through every user (full-read-check.ts), as
   * the local replica's full read must. Without it (the app's Test connection
   * for now), that step is not reported.
   */
  openFeed?: (bind: ReplicaBind) => ReplicaFeed;
}

/** Which step a failure belongs to: the steps before it passed, the ones after were not tried. */
function failedStep(code: ErrorCode): TestStep['step'] {
  if (code === 'DIRECTORY_UNREACHABLE') return 'reach the server';
  if (code === 'DIRECTORY_CERTIFICATE' || code === 'DIRECTORY_TLS_REQUIRED') return 'TLS and certificate';
  return 'bind as the agent';
}

function report(failed: TestStep['step'], detail: string, okUntil?: TestStep['step']): TestStep[] {
  const at = STEPS.indexOf(failed);
  return STEPS.slice(0, at + 1).map((step, i) =>
    i < at || step === okUntil ? { step, ok: true, detail: null } : { step, ok: i !== at, detail: i === at ? detail : null },
  );
}

/**
 * "Test connection": each step reported separately, so an admin sees whether
 * it is the network, the certificate, the password, the read rights or the role
 * mapping that is wrong. Signs in (audited like any sign-in), searches once.
 */
export async function testDirectory(services: Services, upn: string, password: Secret, options: TestOptions = {}): Promise<TestStep[]> {
  let outcome;
  try {
    outcome = await services.signIn.signIn(upn, password);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return report(failedStep(error.code), error.message);
  }
  // Which entry the bind was made as, and how it was found: a test may say what a sign-in never does.
  const bound = await boundAs(services, upn);
  if (outcome.result !== 'ok' || !outcome.user) {
    return report('bind as the agent', [ERROR_MESSAGES[SIGN_IN_ERROR[outcome.result] ?? 'AUTH_FAILED'], bound].filter(Boolean).join(' '));
  }
  const steps: TestStep[] = STEPS.slice(0, 3).map((step) => ({ step, ok: true, detail: step === 'bind as the agent' ? bound : null }));
  try {
    const { users, total } = await services.directory.as(outcome.credential ?? null).searchUsers('a', { limit: 5, offset: 0 });
    steps.push({ step: 'search users', ok: users.length > 0, detail: `${total.exact ? '' : 'more than '}${total.count} found for "a"` });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    steps.push({ step: 'search users', ok: false, detail: error.message });
  }
  const fullRead = options.openFeed ? await fullReadCheck(services.directory, outcome.credential ?? null, options.openFeed) : null;
  if (fullRead) steps.push({ step: 'page through every user', ...fullRead });
  const roles = outcome.user.roles;
  steps.push({
    step: "the agent's groups map to a role",
    ok: roles.length > 0,
    detail: roles.length > 0 ? roles.join(', ') : "none of the agent's groups is in the profile's --role-group list",
  });
  return steps;
}

/** "As uid=hd.agent,ou=helpdesk,dc=contoso,dc=com, found by an anonymous search." (null where there is nothing to say). */
async function boundAs(services: Services, upn: string): Promise<string | null> {
  const located = await services.signIn.locate?.(upn).catch(() => null);
  if (!located) return null;
  return located.dn === null ? `No entry to bind as: ${located.how}.` : `As ${located.dn}, ${located.how}.`;
}
