/** The profile's role groups: one row per directory group DN and the Entra role its members hold. */
import { Button, Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
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
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr) auto', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  add: { alignSelf: 'flex-start' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

interface Props {
  rows: RoleGroupRow[];
  problem: string | null;
  onChange(rows: RoleGroupRow[]): void;
}

export function RoleGroupRows({ rows, problem, onChange }: Props) {
  const styles = useStyles();
  const update = (key: number, patch: Partial<RoleGroupRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className={styles.box}>
      <legend className={styles.legend}>Role groups</legend>
      <Text>Members of these directory groups hold these roles in Resetdesk (who may reset whom).</Text>
      {rows.map((row, index) => (
        <div key={row.key} className={styles.row}>
          <Field className={styles.cell} label={`Group DN ${index + 1}`}>
            <Input value={row.dn} onChange={(_, d) => update(row.key, { dn: d.value })} spellCheck={false} />
          </Field>
          <Field className={styles.cell} label={`Role ${index + 1}`}>
            <Select className={styles.cell} value={row.role} onChange={(_, d) => update(row.key, { role: d.value })}>
              {ROLE_NAMES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </Select>
          </Field>
          <Button aria-label={`Remove group ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
            Remove
          </Button>
        </div>
      ))}
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
      <Button className={styles.add} onClick={() => onChange([...rows, newRoleGroupRow()])}>
        Add role group
      </Button>
    </fieldset>
  );
}
