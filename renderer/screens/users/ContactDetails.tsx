/**
 * How the user can be reached, as main sent it: the profile mail and phones
 * as they are, and the verification methods (registered for self-service
 * reset) masked by main, marked as such. The masked part is read out as
 * "hidden" rather than as a string of bullets.
 */
import { makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { Fragment, useId } from 'react';
import type { ContactMethod } from '../../../main/domain/types';
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

export function ContactDetails({ methods }: { methods: ContactMethod[] }) {
  const styles = useStyles();
  const facts = useFactListStyles();
  const headingId = useId();
  const verified = methods.some((m) => m.verification);
  return (
    <section aria-labelledby={headingId} className={styles.block}>
      <h3 id={headingId} className={styles.heading}>
        Contact details
      </h3>
      {methods.length > 0 && (
        <dl className={facts.list}>
          {methods.map((method, i) => (
            <Fragment key={`${method.kind}-${i}`}>
              <dt className={facts.term}>{CONTACT_LABELS[method.kind]}</dt>
              <dd className={facts.value}>
                {method.value === null ? 'Registered' : <Masked value={method.value} />}
                {method.verification && <Text className={styles.note}> · verification method</Text>}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      {!verified && <Text className={styles.note}>No verification methods registered.</Text>}
    </section>
  );
}
