/**
 * What an agent whose roles open no screen sees (a user with no admin role,
 * Directory Readers, a role Resetdesk has no use for): why, and who can help.
 * Main refuses their every call anyway (ROLE_REQUIRED); this says it first.
 */
import { Text } from '@fluentui/react-components';
import { useScreenStyles } from '../../components/layout';

export function NoAccess({ roles }: { roles: string[] }) {
  const screen = useScreenStyles();
  const held = roles.length > 0 ? `Your roles (${roles.join(', ')}) give` : 'Your account holds no admin role, which gives';
  return (
    <div className={screen.screen}>
      <h2 className={screen.heading}>Nothing to show</h2>
      <Text>{held} no access in Resetdesk.</Text>
      <Text>
        Resetting passwords and looking users up needs a role that resets passwords (such as Helpdesk Administrator or
        Password Administrator); reading the audit needs one of those or a reader role (Reports Reader, Security Reader,
        Global Reader). Ask a Global Administrator.
      </Text>
    </div>
  );
}
