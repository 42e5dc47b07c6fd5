import { Button, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';

interface Props {
  /** The request is running: the button shows a spinner and cannot submit again. */
  busy: boolean;
  /** The form is not ready to submit (e.g. the password fails the policy). */
  disabled?: boolean;
  children: ReactNode;
}

/**
 * A form's primary submit button. disabledFocusable rather than disabled, so
 * the button stays in the Tab order and a screen reader still finds it while
 * it waits.
 */
export function SubmitButton({ busy, disabled = false, children }: Props) {
  return (
    <Button
      type="submit"
      appearance="primary"
      disabledFocusable={disabled || busy}
      icon={busy ? <Spinner size="tiny" /> : undefined}
    >
      {children}
    </Button>
  );
}
