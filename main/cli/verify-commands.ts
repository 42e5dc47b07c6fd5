/**
 * `resetdesk verify send|check|register-totp`: the Verify caller panel's
 * steps for scripts, under the same rule. The state lives in the local file,
 * so `verify send` and `verify check` may be two processes (the code is kept
 * as an HMAC only). The code is read from stdin or a hidden prompt, never
 * from the command line (it would stay in `ps` and the shell's history).
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { localTimeText } from '../domain/time';
import type { CallerStatus } from '../reset/guards';
import { registerAuthenticator } from '../reset/verification/registration';
import { codeMethodSchema, parseInput, verificationCodeSchema, verificationMethodSchema } from '../domain/validation';
import { upnArgument } from './args';
import { agentFor, readSecrets, withServices, type CommandContext, type CommandOutput } from './context';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

const METHOD_NAMES: Record<string, string> = { email: 'email code', sms: 'SMS code', totp: 'authenticator code' };

function statusText(upn: string, status: CallerStatus): string {
  if (status.level === 'none') return `Caller verification is off for ${upn}.\n`;
  const done = status.verified.map((v) => `${METHOD_NAMES[v.method]} at ${localTimeText(v.verifiedAt)} (valid until ${localTimeText(v.validUntil)})`);
  const lines = done.length > 0 ? [`Caller verified by ${done.join(' and ')}.`] : ['Caller not verified.'];
  if (status.satisfied) lines.push(status.level === 'required' ? 'A reset or unlock may go ahead.' : 'Verification done.');
  else if (status.level === 'required') lines.push(`Required: ${status.methodsRequired} different methods; ${status.verified.length} verified.`);
  else lines.push('Recommended: a reset without it is audited as unverified.');
  return `${lines.join('\n')}\n`;
}

const verifySend: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const method = parseInput(codeMethodSchema, ctx.args.options.method ?? '', '--method (email or sms)');
    const actor = await agentFor(ctx, services);
    const sent = await services.verification.send(actor, { upn }, method);
    return {
      json: { upn, method, ...sent },
      text: `Code sent by ${method === 'sms' ? 'SMS' : 'email'} to ${sent.sentTo}; valid until ${localTimeText(sent.expiresAt)}. Ask the caller to read it back: resetdesk verify check ${upn} --method ${method} --as AGENT\n`,
    };
  });

const verifyCheck: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const method = parseInput(verificationMethodSchema, ctx.args.options.method ?? 'email', '--method (email, sms or totp)');
    // Read before the agent's password is asked, so a piped code is not taken for it.
    const [typed] = await readSecrets(ctx, ['Code the caller read back: ']);
    const code = new Secret(parseInput(verificationCodeSchema, typed!.reveal(), 'the code'));
    const actor = await agentFor(ctx, services);
    const status = await services.verification.check(actor, { upn }, method, code);
    return { json: { upn, method, verification: status }, text: statusText(upn, status) };
  });

const verifyRegisterTotp: Command = (ctx) =>
  withServices(ctx, async (services) => {
    const upn = upnArgument(ctx.args, 2);
    const label = parseInput(z.string().trim().min(1).max(64), ctx.args.options.label ?? '', '--label (the device name, e.g. "Pixel 8")');
    // A directory that keeps authenticator secrets says so by having the method (UserDirectory.registerAuthenticator).
    const register = services.directory.registerAuthenticator?.bind(services.directory);
    if (!register) {
      throw new DomainError(
        'VERIFICATION_METHOD_UNAVAILABLE',
        'Authenticator apps are registered in the embedded directory only: Active Directory and OpenLDAP keep no TOTP secret Resetdesk could read.',
      );
    }
    const actor = await agentFor(ctx, services);
    const uri = await registerAuthenticator(
      {
        engine: services.engine,
        secrets: services.secrets,
        tenantId: (await services.stores.tenant.get()).tenantId,
        registry: { registerAuthenticator: register },
        audit: services.stores.audit,
        clock: services.stores.clock,
      },
      actor,
      upn,
      label,
    );
    // The one time the secret is shown: for the user's app to import. It is never shown again.
    return {
      json: { upn, label, otpauthUri: uri.reveal() },
      text: `${uri.reveal()}\nGive this to the user's authenticator app now; it is not shown again.\n`,
    };
  });

export const VERIFY_COMMANDS: Record<string, Command> = {
  'verify send': verifySend,
  'verify check': verifyCheck,
  'verify register-totp': verifyRegisterTotp,
};
