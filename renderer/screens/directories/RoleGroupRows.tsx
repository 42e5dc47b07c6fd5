/**
 * The profile's role groups: one row per directory group DN and the Entra role its members hold.
 *
 * Each row stacks the DN over its role: a group DN runs to ninety characters
 * and the longest role name ("Privileged Authentication Administrator") to
 * forty, so side by side, in the first run's card or a 720-pixel window, both
 * were cut ("Global Administrato"). The DN box wraps at its spaces and grows
 * with what it holds (a DN has no line breaks: Enter adds none).
 */
import { Button, Field, Input, makeStyles, Select, Text, Textarea, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { newRoleGroupRow, ROLE_NAMES, type RoleGroupRow } from './profile-form';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    // A fieldset is min-content wide by default: the longest role name pushed the rows out of the card.
    minWidth: 0,
  },
  cell: { minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  dn: { gridColumn: '1 / -1', minWidth: 0 },
  dnBox: { width: '100%' },
  // As tall as the DN needs (Chromium's field-sizing), wrapping at its spaces.
  dnText: { width: '100%', fieldSizing: 'content', overflowWrap: 'break-word' },
  add: { alignSelf: 'flex-start' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

interface Props {
  rows: RoleGroupRow[];
  problem: string | null;
  /** Shown, not offered for change: the values in read-only boxes, no add or remove. */
  readOnly?: boolean;
  onChange(rows: RoleGroupRow[]): void;
}

/** A DN is one line: Enter would only add a break main refuses. */
const noLineBreak = (event: KeyboardEvent) => {
  if (event.key === 'Enter') event.preventDefault();
};

export function RoleGroupRows({ rows, problem, readOnly = false, onChange }: Props) {
  const styles = useStyles();
  const update = (key: number, patch: Partial<RoleGroupRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className={styles.box}>
      <legend className={styles.legend}>Role groups</legend>
      <Text>Members of these directory groups hold these roles in Resetdesk (who may reset whom).</Text>
      {rows.length === 0 && readOnly && <Text>None.</Text>}
      {rows.map((row, index) => (
        <div key={row.key} className={styles.row}>
          <Field className={styles.dn} label={`Group DN ${index + 1}`}>
            <Textarea
              className={styles.dnBox}
              textarea={{ className: styles.dnText }}
              value={row.dn}
              readOnly={readOnly}
              rows={1}
              resize="none"
              onKeyDown={noLineBreak}
              onChange={(_, d) => update(row.key, { dn: d.value.replace(/[\r\n]+/g, ' ') })}
              spellCheck={false}
            />
          </Field>
          <Field className={styles.cell} label={`Role ${index + 1}`}>
            {readOnly ? (
              <Input value={row.role} readOnly />
            ) : (
              <Select className={styles.cell} value={row.role} onChange={(_, d) => update(row.key, { role: d.value })}>
                {ROLE_NAMES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {!readOnly && (
            <Button aria-label={`Remove group ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
              Remove
            </Button>
          )}
        </div>
      ))}
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
      {!readOnly && (
        <Button className={styles.add} onClick={() => onChange([...rows, newRoleGroupRow()])}>
          Add role group
        </Button>
      )}
    </fieldset>
  );
}
