/**
 * The body of the reset and unlock dialogs: one column. DialogContent scrolls
 * when the window is small (720×520): its children keep their own height and
 * the column scrolls, where a shrunk message bar would spill its text over the
 * next field.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useDialogContentStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& > *': { flexShrink: 0 } },
});
