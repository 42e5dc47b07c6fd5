/**
 * The Verify caller panel's state: which codes were sent (where, masked, and
 * until when), what is being sent or checked, and the last refusal. Main
 * holds the codes and decides; after a successful check the selected user is
 * read again, so the pre-flight (and the reset button) follow main's verdict.
 */
import { create } from 'zustand';
import type { VerificationMethod } from '../../main/domain/types';
import { call, toUiError } from './call';
import type { UiErrorView } from './call';
import { useSelectedUser } from './selectedUser';
import { onSessionEnd } from './session';

export type CodeMethod = Exclude<VerificationMethod, 'totp'>;

export interface SentCode {
  sentTo: string;
  expiresAt: string;
}

interface VerificationStore {
  userId: string | null;
  sent: Partial<Record<CodeMethod, SentCode>>;
  sending: CodeMethod | null;
  checking: VerificationMethod | null;
  /** The method the last refusal was about, so it shows next to that method. */
  errorFor: VerificationMethod | null;
  error: UiErrorView | null;
  send(userId: string, method: CodeMethod): Promise<void>;
  /** Resolves true when main accepted the code. */
  check(userId: string, method: VerificationMethod, code: string): Promise<boolean>;
  reset(): void;
}

const initial = { userId: null, sent: {}, sending: null, checking: null, errorFor: null, error: null };

export const useVerification = create<VerificationStore>()((set, get) => {
  /** Another user selected meanwhile: start over for this one. */
  const forUser = (userId: string) => {
    if (get().userId !== userId) set({ ...initial, userId });
  };

  return {
    ...initial,

    async send(userId, method) {
      forUser(userId);
      set({ sending: method, error: null, errorFor: null });
      try {
        const sent = await call('sendVerificationCode', { userId, method });
        if (get().userId === userId) set({ sent: { ...get().sent, [method]: sent } });
      } catch (error) {
        if (get().userId === userId) set({ error: toUiError(error), errorFor: method });
      } finally {
        if (get().userId === userId) set({ sending: null });
      }
    },

    async check(userId, method, code) {
      forUser(userId);
      set({ checking: method, error: null, errorFor: null });
      try {
        await call('checkVerificationCode', { userId, method, code });
        if (get().userId !== userId) return false;
        if (method !== 'totp') {
          const { [method]: _used, ...rest } = get().sent;
          set({ sent: rest });
        }
        // The pre-flight is main's: read it again now the caller is verified.
        await useSelectedUser.getState().refresh();
        return true;
      } catch (error) {
        if (get().userId === userId) set({ error: toUiError(error), errorFor: method });
        return false;
      } finally {
        if (get().userId === userId) set({ checking: null });
      }
    },

    reset() {
      set(initial);
    },
  };
});

onSessionEnd(() => useVerification.getState().reset());
