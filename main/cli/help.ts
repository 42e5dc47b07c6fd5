import pkg from '../../package.json' with { type: 'json' };
import { DomainError } from '../domain/errors';

/**
 * The package's version, put in the bundle by esbuild (read from package.json
 * at run time under tsx and Playwright's loader, which want the JSON attribute).
 */
export const VERSION: string = pkg.version;

/**
 * `resetdesk help [COMMAND]` and `resetdesk COMMAND --help`: the usage, whole
 * or the part of one command. The parts are cut from the usage text itself
 * (one source: a command added there is in its help too): an entry of the
 * Commands section is a line indented by two spaces plus the lines indented
 * deeper under it, and it belongs to every command its head names
 * ("directory list | directory remove NAME" to both).
 */
export function helpText(usage: string, words: readonly string[], commands: readonly string[]): string {
  if (words.length === 0) return usage;
  const topic = topicOf(words, commands);
  const lines = usage.split('\n');
  const start = lines.indexOf('Commands:');
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  const entries: string[][] = [];
  for (const line of lines.slice(start + 1, end)) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else entries.at(-1)?.push(line);
  }
  const chosen = entries.filter(([head = '']) => head.trim().split(' | ').some((name) => name === topic || name.startsWith(`${topic} `)));
  const options = lines.slice(lines.indexOf('Options:'));
  return [lines[0], '', ...chosen.flat(), '', ...options].join('\n');
}

/**
 * The command the words name: a two-word command ("password reset"), a
 * one-word one ("signin"), or a group ("password": all its commands). Words
 * after a command are its arguments (`resetdesk signin UPN --help`).
 */
function topicOf(words: readonly string[], commands: readonly string[]): string {
  const [first = '', second] = words;
  const known = new Set(commands);
  if (second !== undefined && known.has(`${first} ${second}`)) return `${first} ${second}`;
  if (known.has(first)) return first;
  const group = commands.some((name) => name.startsWith(`${first} `));
  if (group && second === undefined) return first;
  throw new DomainError('INVALID_INPUT', 'Unknown command. Run resetdesk help for the list.');
}
