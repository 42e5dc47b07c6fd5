/**
 * The directory conformance suite on the embedded SQLite directory: a real file
 * holding the deterministic Contoso sample, with passwords set on the case
 * users and one of them locked out by real failed sign-ins.
 */
import { SAMPLE_EXAMPLES as EX } from '../../../main/app/sample/sample';
import { ROLES } from '../../../main/domain/roles';
import { closeServices } from '../../../main/app/services';
import { directoryConformance, type Account } from '../../conformance/directory-conformance';
import { sampleDirectory, secret } from '../../support/fixtures';

directoryConformance('embedded SQLite file', async () => {
  const fx = await sampleDirectory();
  const agentAccount = (role: string): Account => {
    const account = [...fx.accounts.values()].find((a) => a.roles.length === 1 && a.roles[0] === role)!;
    return { upn: account.upn, password: account.password.reveal() };
  };
  // Sample users other than the agents have no password: give the cases one, as an admin would.
  const withPassword = async (upn: string, password: string): Promise<Account> => {
    const record = fx.store.findUser({ upn })!;
    const hash = await fx.hasher.hash(password);
    fx.store.transaction(() =>
      fx.store.users.setPassword(record.rowid, { hash, forceChangeNextSignIn: false, tempPasswordExpiresAt: null }, fx.clock()),
    );
    return { upn, password };
  };
  const plain = await withPassword(EX.cloudMember, 'Adele-Own-Passw0rd');
  const disabled = await withPassword(EX.disabled, 'Isaiah-Own-Passw0rd');
  const locked = await withPassword(EX.locked, 'Johanna-Own-Passw0rd');
  // Setting the password unlocked her: lock her again the way a user does, with wrong passwords.
  const { threshold } = fx.store.tenant.get().lockoutPolicy;
  for (let i = 0; i < threshold; i++) await fx.services.signIn.signIn(locked.upn, secret(`Wrong-Guess-${i}`));
  return {
    directory: fx.services.directory,
    signIn: fx.services.signIn,
    stores: fx.services.stores,
    helpdesk: agentAccount(ROLES.helpdeskAdministrator),
    globalAdmin: agentAccount(ROLES.globalAdministrator),
    plain,
    locked,
    disabled,
    protectedUpn: EX.syncedAdminCount,
    // The embedded directory is its own authority: its sign-in is the independent check.
    independentSignIn: async (upn, password) => (await fx.services.signIn.signIn(upn, secret(password))).result,
    remote: false,
    async close() {
      await closeServices(fx.services);
      fx.close();
    },
  };
});
