/**
 * A value that may be longer than its box: a name, a UPN, a department, a DN,
 * a file path.
 *
 * Wrapped (the default): lines break at spaces and at the value's own
 * boundaries (a <wbr> after its dots, @, underscores, commas and slashes:
 * long-text.ts), never inside a word. Only a single token wider than the
 * whole box is cut where it must (overflow-wrap: break-word breaks a token
 * only when it cannot fit on a line of its own).
 *
 * One line (`oneLine`): cut with an ellipsis, the whole value in the tooltip
 * (title). The whole value stays in the DOM, so it is also the accessible
 * name of whatever holds it; only its drawing is cut.
 */
import { makeStyles, mergeClasses } from '@fluentui/react-components';
import { Fragment } from 'react';
import { breakParts } from './long-text';

const useStyles = makeStyles({
  wrap: { overflowWrap: 'break-word', wordBreak: 'normal' },
  // A block in a flex or grid row that may shrink below its text's width (min-width 0) and shows an ellipsis then.
  oneLine: {
    display: 'block',
    minWidth: 0,
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

interface Props {
  text: string;
  /** Keep to one line: an ellipsis where it is cut, the whole value in the tooltip. */
  oneLine?: boolean;
  className?: string;
}

export function LongText({ text, oneLine = false, className }: Props) {
  const styles = useStyles();
  if (oneLine) {
    return (
      <span className={mergeClasses(styles.oneLine, className)} title={text}>
        {text}
      </span>
    );
  }
  const parts = breakParts(text);
  return (
    <span className={mergeClasses(styles.wrap, className)}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
