/**
 * Time a test holds for main's clean-up timers (the idle lock, the clipboard
 * clear): a clock that stands still, and timers (main/ipc/timers.ts's
 * TimerPort) due on it, so nothing happens because a busy machine was slow,
 * only because the test moved the time on.
 */
import type { Clock } from '../../main/domain/clock';
import type { TimerPort } from '../../main/ipc/timers';

export class ControlledTime {
  #now: number;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();
  #next = 0;

  constructor(start = Date.now()) {
    this.#now = start;
  }

  readonly clock: Clock = () => this.#now;

  readonly timers: TimerPort = {
    set: (callback, ms) => {
      this.#pending.set(++this.#next, { at: this.#now + Math.max(0, ms), callback });
      return this.#next;
    },
    cancel: (handle) => void this.#pending.delete(handle as number),
  };

  /**
   * Moves the time on by `ms`, firing every timer due on the way in order of
   * its due time (a timer set by one of them too, when due within the move),
   * each at its own time, as an event loop would.
   */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#pending].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!due) break;
      const [handle, timer] = due;
      this.#pending.delete(handle);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    this.#now = until;
  }
}
