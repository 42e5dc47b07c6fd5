import { expect, type Locator } from '@playwright/test';

/**
 * Waits while a submitted form works: its submit button shows a spinner until
 * main answers (renderer/components/SubmitButton.tsx), or the form is gone.
 * A sign-in, a password change and a reset each run scrypt, whose time grows
 * with the machine's load, so this waits on the app's own state with no
 * expect timeout of its own: only the test's timeout bounds it.
 */
export async function untilAnswered(submit: Locator): Promise<void> {
  await expect(submit.getByRole('progressbar')).toHaveCount(0, { timeout: 0 });
}
