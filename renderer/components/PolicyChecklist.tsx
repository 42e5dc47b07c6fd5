/**
 * Live check of a typed password against the tenant's policy, using the same
 * pure checker main runs, so what is ticked here is what main will accept
 * (except the banned-password list, which only main knows).
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PasswordPolicySettings } from '../../main/domain/types';
import { checkPasswordPolicy, POLICY_MESSAGES } from '../../main/domain/password-policy';
import type { PolicyRule } from '../../main/domain/password-policy';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  met: { color: tokens.colorPaletteGreenForeground1 },
  unmet: { color: tokens.colorNeutralForeground2 },
  mark: { width: '1em', flexShrink: 0 },
});

interface Props {
  password: string;
  policy: PasswordPolicySettings;
  /** The current password, when changing one's own: reuse is refused. */
  previous?: string;
  id?: string;
}

export function policyPasses(password: string, policy: PasswordPolicySettings, previous?: string): boolean {
  return checkPasswordPolicy(password, policy, previous !== undefined ? { previous } : {}).length === 0;
}

export function PolicyChecklist({ password, policy, previous, id }: Props) {
  const styles = useStyles();
  const failed = new Set<PolicyRule>(
    checkPasswordPolicy(password, policy, previous !== undefined ? { previous } : {}).map((v) => v.rule),
  );
  const rules: { rule: PolicyRule; text: string }[] = [
    { rule: 'tooShort', text: POLICY_MESSAGES.tooShort(policy.minLength) },
    { rule: 'categories', text: POLICY_MESSAGES.categories(policy.requiredCategories) },
    { rule: 'characters', text: 'Use only letters A–Z, numbers, spaces and common symbols.' },
  ];
  // The upper limit (256) is met by anything typed by hand: listed only when broken.
  if (failed.has('tooLong')) rules.splice(1, 0, { rule: 'tooLong', text: POLICY_MESSAGES.tooLong(policy.maxLength) });
  if (previous !== undefined) rules.push({ rule: 'reused', text: POLICY_MESSAGES.reused() });

  return (
    <ul id={id} className={styles.list} aria-label="Password requirements">
      {rules.map(({ rule, text }) => {
        const met = password !== '' && !failed.has(rule);
        return (
          <li key={rule} className={mergeClasses(styles.item, met ? styles.met : styles.unmet)}>
            <span className={styles.mark} aria-hidden="true">{met ? '✓' : '○'}</span>
            <span>
              <span className="visually-hidden">{met ? 'Met: ' : 'Not met: '}</span>
              {text}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
