/**
 * The audit log screen: the filters as typed, the total that matches, and the
 * pages of events fetched as the table scrolls to them (the table renders only
 * the visible rows, so 100,000 events cost a few pages). Typing waits a moment
 * before asking main (debounce), and every answer carries the generation of
 * the filters it was asked for: an answer to older filters is never painted.
 */
import { create } from 'zustand';
import type { ExportAuditResponse, RequestOf } from '../../main/ipc/contract';
import type { AuditAction, AuditEvent } from '../../main/domain/types';
import { localDayBounds } from '../../main/domain/time';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

export const AUDIT_PAGE_SIZE = 100;
/** How long typing pauses before the filter is sent. */
const TYPING_PAUSE_MS = 250;

export interface AuditFilters {
  target: string;
  agent: string;
  action: AuditAction | '';
  /** A day as the date inputs give it (YYYY-MM-DD), or '' for no bound. */
  from: string;
  to: string;
}

interface AuditStore {
  filters: AuditFilters;
  /** Events matching the filters (counted by main up to its cap); null until the first answer. */
  total: number | null;
  totalCapped: boolean;
  /** Pages fetched so far, by page number. */
  pages: Record<number, AuditEvent[]>;
  /** Which filters the rows shown answer (until page 0 of newer filters arrives, the old rows stay). */
  view: number;
  loading: boolean;
  error: UiErrorView | null;
  selected: AuditEvent | null;
  exporting: boolean;
  exported: Extract<ExportAuditResponse, { saved: true }> | null;
  exportError: UiErrorView | null;
  setFilters(change: Partial<AuditFilters>): void;
  /** Asks again now, with the current filters (the screen does this on each visit). */
  refresh(): Promise<void>;
  /** Fetches the pages holding rows first..last that are not there yet. */
  ensureRows(first: number, last: number): void;
  select(event: AuditEvent | null): void;
  exportCsv(): Promise<void>;
  reset(): void;
}

const initial = {
  filters: { target: '', agent: '', action: '' as const, from: '', to: '' },
  total: null,
  totalCapped: false,
  pages: {},
  view: 0,
  loading: false,
  error: null,
  selected: null,
  exporting: false,
  exported: null,
  exportError: null,
};

/** Bumped whenever the filters change: answers to an older generation are dropped. */
let generation = 0;
let pending: ReturnType<typeof setTimeout> | null = null;
/** Pages asked for in this generation (so scrolling does not ask twice). */
let requested = new Set<number>();

type Filter = Omit<RequestOf<'listAudit'>, 'limit' | 'offset'>;

/**
 * A day of this window's time zone as the instant main filters on: From from
 * the day's first moment, To to its last (main's own zone may not be the
 * window's). A day the input could not give (typed by hand) goes as it is, and
 * main refuses it with INVALID_INPUT.
 */
function dayBound(day: string, end: 'start' | 'end'): string {
  const bounds = localDayBounds(day);
  return bounds ? new Date(bounds[end]).toISOString() : day;
}

function requestFilter({ target, agent, action, from, to }: AuditFilters): Filter {
  return {
    ...(target.trim() ? { target: target.trim() } : {}),
    ...(agent.trim() ? { agent: agent.trim() } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from: dayBound(from, 'start') } : {}),
    ...(to ? { to: dayBound(to, 'end') } : {}),
  };
}

export const useAudit = create<AuditStore>()((set, get) => {
  async function fetchPage(page: number, gen: number): Promise<void> {
    requested.add(page);
    try {
      const answer = await call('listAudit', {
        ...requestFilter(get().filters),
        limit: AUDIT_PAGE_SIZE,
        offset: page * AUDIT_PAGE_SIZE,
      });
      if (gen !== generation || (page !== 0 && gen !== get().view)) return;
      // Page 0 of new filters replaces every row shown; later pages add to it.
      const pages = page === 0 ? { 0: answer.events } : { ...get().pages, [page]: answer.events };
      set({
        pages,
        view: gen,
        total: answer.total,
        totalCapped: answer.totalCapped,
        loading: false,
        error: null,
      });
    } catch (error) {
      requested.delete(page);
      // Page 0 refused (a reversed date range): the rows of the filters before are not these filters' answer.
      if (gen === generation) set({ loading: false, error: toUiError(error), ...(page === 0 ? { pages: {}, total: null, view: gen } : {}) });
    }
  }

  function restart(): Promise<void> {
    if (pending !== null) clearTimeout(pending);
    pending = null;
    const gen = ++generation;
    requested = new Set();
    set({ loading: true, error: null, exported: null, exportError: null });
    return fetchPage(0, gen);
  }

  return {
    ...initial,

    setFilters(change) {
      set({ filters: { ...get().filters, ...change } });
      // Any answer still on its way is for the old filters.
      generation++;
      if (pending !== null) clearTimeout(pending);
      const typed = change.target !== undefined || change.agent !== undefined;
      pending = setTimeout(() => void restart(), typed ? TYPING_PAUSE_MS : 0);
      set({ loading: true });
    },

    refresh: restart,

    ensureRows(first, last) {
      const { total } = get();
      // Rows of older filters are on screen until the new first page arrives: nothing to fetch for them.
      if (total === null || get().view !== generation) return;
      const gen = generation;
      const lastPage = Math.floor(Math.min(last, total - 1) / AUDIT_PAGE_SIZE);
      for (let page = Math.floor(Math.max(first, 0) / AUDIT_PAGE_SIZE); page <= lastPage; page++) {
        if (!requested.has(page)) void fetchPage(page, gen);
      }
    },

    select(event) {
      set({ selected: event });
    },

    async exportCsv() {
      if (get().exporting) return;
      set({ exporting: true, exported: null, exportError: null });
      try {
        const answer = await call('exportAudit', requestFilter(get().filters));
        set({ exporting: false, exported: answer.saved ? answer : null });
      } catch (error) {
        set({ exporting: false, exportError: toUiError(error) });
      }
    },

    reset() {
      if (pending !== null) clearTimeout(pending);
      pending = null;
      generation++;
      requested = new Set();
      set(initial);
    },
  };
});

onSessionEnd(() => useAudit.getState().reset());
