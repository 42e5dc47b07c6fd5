/** Shared layout styles: the screens shown before sign-in (first run, sign-in), and fact lists. */
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useCenteredPageStyles = makeStyles({
  main: {
    minHeight: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    width: '100%',
    maxWidth: '560px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  wide: { maxWidth: '960px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  heading: { margin: 0 },
});

/** A description list of facts (term, value) in two columns: the user pane's facts and contact details. */
export const useFactListStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12em, max-content) 1fr',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-word' },
});

/** A signed-in screen below the header (Directories, Temporary passwords, Outbox): a scrolling column. */
export const useScreenStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    overflowY: 'auto',
    minHeight: 0,
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { ...typographyStyles.title3, margin: 0 },
});
