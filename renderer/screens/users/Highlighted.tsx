/** Text with the parts the search matched in <mark>, so the agent sees why a row is listed. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { highlight } from './highlight';

const useStyles = makeStyles({
  // Fluent's palette instead of the browser's yellow: readable in light and dark themes.
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
  },
});

export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  const styles = useStyles();
  return (
    <>
      {highlight(text, terms).map((part, index) =>
        part.match ? (
          <mark key={index} className={styles.mark}>
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
