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
    // Its padding inside its width: in a window narrower than the card, it fits rather than pushing the page sideways.
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: `calc(560px + 2 * ${tokens.spacingHorizontalXXL})`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  wide: { maxWidth: `calc(960px + 2 * ${tokens.spacingHorizontalXXL})` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  heading: { margin: 0 },
});

/**
 * Below this width a fact list's container holds each value under its term,
 * the whole width (the user pane at the window's minimum size): beside a
 * 12em term column, a UPN would have too little room to wrap at its dots.
 */
export const NARROW_FACTS = '@container (max-width: 440px)';

/**
 * A description list of facts (term, value) in two columns: the user pane's
 * facts and contact details. The values are given to LongText, which wraps
 * them at word and dot boundaries; the value column may shrink to the box
 * (minmax(0, …)) rather than push the page sideways.
 */
export const useFactListStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12em, max-content) minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    [NARROW_FACTS]: { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalXXS },
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'break-word', [NARROW_FACTS]: { marginBottom: tokens.spacingVerticalS } },
  /** On the element whose width decides between the two layouts (the user pane). */
  container: { containerType: 'inline-size' },
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
