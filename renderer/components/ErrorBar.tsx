/** A failed action's message, announced at once (role alert). Shows main's text, never a stack. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { UiErrorView } from '../stores/call';

export function ErrorBar({ error }: { error: UiErrorView | null }) {
  if (!error) return null;
  return (
    // Fluent labels the bar by a title we don't use: drop the dangling reference.
    <MessageBar intent="error" role="alert" aria-labelledby={undefined}>
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}
