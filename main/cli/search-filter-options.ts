/**
 * `users search`'s state filters, the app's filter buttons on the command line:
 * --locked, --disabled, --guests, --admins, --temporary (a temporary password
 * not yet changed) and --source cloud|onPremises. They combine with each other
 * and with the search text, as in the app.
 */
import { parseInput, userFilterSchema } from '../domain/validation';
import { FILTER_SOURCES, normalizeFilter, type UserFilter } from '../domain/user-filter';
import { z } from 'zod';
import type { CliOptions } from './args';

export function searchFilterOf(options: CliOptions): UserFilter {
  const source =
    options.source === undefined ? undefined : parseInput(z.enum(FILTER_SOURCES), options.source, `--source (${FILTER_SOURCES.join(' or ')})`);
  const filter = {
    locked: options.locked,
    disabled: options.disabled,
    guests: options.guests,
    admins: options.admins,
    temporaryPassword: options.temporary,
    source,
  };
  // The same schema the app's requests pass, so both front ends accept the same filters.
  return normalizeFilter(parseInput(userFilterSchema, filter, 'The filter'));
}
