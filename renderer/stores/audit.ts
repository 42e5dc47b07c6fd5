/**
 * The audit log screen: filters as typed, the filters last applied, and pages
 * of events. Main only accepts full UPNs as filters, so a partial one is not
 * sent; the screen says so next to the field.
 */
import { create } from 'zustand';
import type { AuditAction, AuditEvent } from '../../main/directory/types';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { onSessionEnd } from './session';

const PAGE_SIZE = 50;
/** Same shape main's contract requires of a UPN. */
const UPN_PATTERN = /^[^\s@]+@[^\s@]+$/;

export function isFullUpn(value: string): boolean {
  const v = value.trim();
  return v.length >= 3 && v.length <= 256 && UPN_PATTERN.test(v);
}

export interface AuditFilters {
  target: string;
  agent: string;
  action: AuditAction | '';
}

interface AuditStore {
  draft: AuditFilters;
  /** Which typed filters were left out of the last request because they are not full UPNs. */
  ignored: { target: boolean; agent: boolean };
  events: AuditEvent[];
  hasMore: boolean;
  loading: boolean;
  loaded: boolean;
  error: UiErrorView | null;
  setDraft(change: Partial<AuditFilters>): void;
  apply(): Promise<void>;
  loadMore(): Promise<void>;
  reset(): void;
}

const initial = {
  draft: { target: '', agent: '', action: '' as const },
  ignored: { target: false, agent: false },
  events: [],
  hasMore: false,
  loading: false,
  loaded: false,
  error: null,
};

/** The request filters actually sent; kept so "Load more" pages the same query. */
let applied: { target?: string; agent?: string; action?: AuditAction } = {};
let latest = 0;

export const useAudit = create<AuditStore>()((set, get) => {
  async function fetchPage(offset: number): Promise<void> {
    const seq = ++latest;
    set({ loading: true, error: null });
    try {
      const { events: page } = await call('listAudit', { ...applied, limit: PAGE_SIZE, offset });
      if (seq !== latest) return;
      set({
        events: offset === 0 ? page : [...get().events, ...page],
        hasMore: page.length === PAGE_SIZE,
        loading: false,
        loaded: true,
      });
    } catch (error) {
      if (seq === latest) set({ loading: false, error: toUiError(error) });
    }
  }

  return {
    ...initial,

    setDraft(change) {
      set({ draft: { ...get().draft, ...change } });
    },

    async apply() {
      const { target, agent, action } = get().draft;
      const targetOk = isFullUpn(target);
      const agentOk = isFullUpn(agent);
      applied = {
        ...(targetOk ? { target: target.trim() } : {}),
        ...(agentOk ? { agent: agent.trim() } : {}),
        ...(action ? { action } : {}),
      };
      set({ ignored: { target: target.trim() !== '' && !targetOk, agent: agent.trim() !== '' && !agentOk } });
      await fetchPage(0);
    },

    async loadMore() {
      if (get().loading) return;
      await fetchPage(get().events.length);
    },

    reset() {
      latest++;
      applied = {};
      set(initial);
    },
  };
});

onSessionEnd(() => useAudit.getState().reset());
