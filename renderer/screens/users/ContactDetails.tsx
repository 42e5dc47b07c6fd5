/**
 * How the user can be reached, as main sent it: the profile mail and phones
 * as they are, and the verification methods (registered for self-service
 * reset) masked by main, marked as such. The masked part is read out as
 * "hidden" rather than as a string of bullets. An authenticator app listed
 * for the user but without a secret Resetdesk could check its codes against
 * is said to be not registered for verification (main's withheld list).
 */
import { makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { Fragment, useId } from 'react';
import type { ContactMethod } from '../../../main/domain/types';
import type { WithheldMethod } from '../../../main/ipc/contract';
import { useFactListStyles } from '../../components/layout';
import { LongText } from '../../components/LongText';

const useStyles = makeStyles({
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  note: { color: tokens.colorNeutralForeground2 },
});

export const CONTACT_LABELS: Record<ContactMethod['kind'], string> = {
  email: 'Email',
  mobilePhone: 'Mobile phone',
  officePhone: 'Office phone',
  alternateEmail: 'Alternate email',
  authenticatorApp: 'Authenticator app',
  securityQuestion: 'Security question',
};

/** Bullet runs become one "hidden" for screen readers; the rest is read as is. */
function Masked({ value }: { value: string }) {
  return (
    <>
      {value.split(/(•+)/).map((part, i) =>
        part.startsWith('•') ? (
          <span key={i} role="img" aria-label="hidden">
            {part}
          </span>
        ) : (
          <LongText key={i} text={part} />
        ),
      )}
    </>
  );
}

const VERIFICATION = ' · verification method';
const NOT_CHECKED = ' · not registered for verification';

/** How an entry is marked: a verification method, one that cannot be checked here, or nothing. */
function marker(method: ContactMethod, withheld: readonly WithheldMethod[]): string | null {
  if (!method.verification) return null;
  const unchecked = method.kind === 'authenticatorApp' && withheld.some((w) => w.method === 'totp' && w.reason === 'no-secret');
  return unchecked ? NOT_CHECKED : VERIFICATION;
}

export function ContactDetails({ methods, withheld = [] }: { methods: ContactMethod[]; withheld?: readonly WithheldMethod[] | undefined }) {
  const styles = useStyles();
  const facts = useFactListStyles();
  const headingId = useId();
  const verified = methods.some((m) => marker(m, withheld) === VERIFICATION);
  return (
    <section aria-labelledby={headingId} className={styles.block}>
      <h3 id={headingId} className={styles.heading}>
        Contact details
      </h3>
      {methods.length > 0 && (
        <dl className={facts.list}>
          {methods.map((method, i) => {
            const mark = marker(method, withheld);
            return (
              <Fragment key={`${method.kind}-${i}`}>
                <dt className={facts.term}>{CONTACT_LABELS[method.kind]}</dt>
                <dd className={facts.value}>
                  {method.value === null ? 'Registered' : <Masked value={method.value} />}
                  {mark && <Text className={styles.note}>{mark}</Text>}
                </dd>
              </Fragment>
            );
          })}
        </dl>
      )}
      {!verified && <Text className={styles.note}>No verification methods registered.</Text>}
    </section>
  );
}
