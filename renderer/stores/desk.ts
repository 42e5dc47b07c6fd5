/**
 * Where the agent was when the idle lock came: the search text and filters,
 * the selected user and the open screen, kept for that agent alone.
 *
 * The lock drops everything of the session as any end does (the results, the
 * pane, and in main the temporary passwords); only this place is kept, and
 * only until the next sign-in. The same agent (main's id, not the UPN typed)
 * is brought back there, the results and the pane asked of main afresh, since
 * the user or the agent's rights may have changed meanwhile. Anyone else who
 * signs in gets a fresh desk, and the place is forgotten.
 */
import type { UserFilter } from '../../main/domain/user-filter';
import type { AgentInfo } from '../../main/ipc/contract';
import { useSearch } from './search';
import { useSelectedUser } from './selectedUser';
import { onIdleLock, useSession } from './session';

interface Place {
  agentId: string;
  query: string;
  filter: UserFilter;
  userId: string | null;
  /** The Shell's screen (a tab name); the Shell checks it is still one this agent may open. */
  screen: string | null;
}

let kept: Place | null = null;
/** The screen open now (the Shell says so as it changes). */
let openScreen: string | null = null;
/** The screen the Shell opens with after a return (set anew at every sign-in). */
let returningTo: string | null = null;

/** The Shell's open screen, noted as it changes, for the place kept at a lock. */
export function noteOpenScreen(screen: string): void {
  openScreen = screen;
}

/** For the Shell as it opens: the screen the returning agent left; null for anyone else. */
export function returnScreen(): string | null {
  return returningTo;
}

function keep(agent: AgentInfo): void {
  const { query, filter } = useSearch.getState();
  kept = { agentId: agent.id, query, filter, userId: useSelectedUser.getState().userId, screen: openScreen };
}

function returnTo(place: Place, agent: AgentInfo): void {
  returningTo = place.screen;
  // Their roles may no longer let them look users up: then there is nothing to ask again.
  if (!agent.may.readUsers) return;
  // The filters first: setQuery then asks for the kept query under them, once.
  useSearch.setState({ filter: place.filter });
  if (place.query.trim() !== '') useSearch.getState().setQuery(place.query);
  if (place.userId !== null) void useSelectedUser.getState().select(place.userId);
}

onIdleLock(keep);

useSession.subscribe((state, previous) => {
  if (state.status !== 'signedIn' || previous.status === 'signedIn') return;
  const place = kept;
  kept = null;
  returningTo = null;
  if (place && state.agent?.id === place.agentId) returnTo(place, state.agent);
});
