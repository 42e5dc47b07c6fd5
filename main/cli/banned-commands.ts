/**
 * `resetdesk tenant banned list|add TERM…|remove TERM…`: the tenant's custom
 * banned-password list (Entra's "custom banned password list"), which applies
 * with the global list to every typed password and every user's own change.
 * Adding and removing are a Global Administrator's change through
 * updateTenant: one audit event each, with the same term rules as the app
 * (main/validation.ts).
 */
import { DomainError } from '../domain/errors';
import { globalAdministratorRefusal, updateTenant } from '../app/services';
import { bannedTermSchema, bannedTermsSchema, parseInput } from '../domain/validation';
import { agentFor, readAs, withServices, type CommandContext, type CommandOutput } from './context';

const VERBS = ['list', 'add', 'remove'] as const;

function listText(terms: string[]): string {
  if (terms.length === 0) return 'The custom banned-password list is empty (the global list always applies).\n';
  return `Custom banned-password terms (${terms.length}):\n${terms.map((t) => `  ${t}`).join('\n')}\n`;
}

function termsOf(ctx: CommandContext): string[] {
  const terms = ctx.args.positionals.slice(3);
  if (terms.length === 0) throw new DomainError('INVALID_INPUT', 'Give one or more terms.');
  return terms.map((term, i) => parseInput(bannedTermSchema, term, `Term ${i + 1}`));
}

export function tenantBanned(ctx: CommandContext): Promise<CommandOutput> {
  const verb = ctx.args.positionals[2];
  if (!VERBS.includes(verb as (typeof VERBS)[number])) {
    throw new DomainError('INVALID_INPUT', 'Use tenant banned list, tenant banned add TERM…, or tenant banned remove TERM….');
  }
  return withServices(ctx, async (services) => {
    const current = (await services.stores.tenant.get()).bannedPasswords;
    if (verb === 'list') {
      await readAs(ctx, services, 'settings');
      return { json: { bannedPasswords: current }, text: listText(current) };
    }
    const terms = termsOf(ctx);
    const has = new Set(current.map((t) => t.toLowerCase()));
    let next: string[];
    if (verb === 'add') {
      // A term already listed (in any case) is left as it is: adding is idempotent.
      next = [...current];
      for (const term of terms) {
        if (has.has(term.toLowerCase())) continue;
        has.add(term.toLowerCase());
        next.push(term);
      }
    } else {
      // Which ones by position: a refusal never repeats what was typed.
      const positions = terms.flatMap((t, i) => (has.has(t.toLowerCase()) ? [] : [i + 1]));
      if (positions.length > 0) throw new DomainError('INVALID_INPUT', `Not every term given is on the custom list (not there: number ${positions.join(', ')} of ${terms.length}). Nothing was removed.`);
      const gone = new Set(terms.map((t) => t.toLowerCase()));
      next = current.filter((t) => !gone.has(t.toLowerCase()));
    }
    const bannedPasswords = parseInput(bannedTermsSchema, next, 'The custom banned-password list');
    const actor = await agentFor(ctx, services);
    // Every term was already listed: nothing to change, nothing to audit. Who may change it is checked all the
    // same: a refused agent goes on to updateTenant, which audits the refusal like any other.
    const unchanged = verb === 'add' && bannedPasswords.length === current.length;
    if (unchanged && !(await globalAdministratorRefusal(services, actor, 'change tenant settings'))) {
      return { json: { bannedPasswords: current }, text: listText(current) };
    }
    const tenant = await updateTenant(services, actor, { bannedPasswords });
    return { json: { bannedPasswords: tenant.bannedPasswords }, text: listText(tenant.bannedPasswords) };
  });
}
