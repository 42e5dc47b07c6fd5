import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors';
import type { Secret } from '../domain/secret';

/** How many undismissed results are kept; older ones are forgotten first. */
const MAX_RESULTS = 5;

/**
 * Temporary passwords between the reset and the dialog closing, so the copy
 * channel takes an id and the password never travels back from the renderer.
 * Memory only; forgotten on close, sign-out and idle lock.
 */
export class ResetResults {
  readonly #items = new Map<string, { password: Secret; upn: string }>();
  readonly #onChange: (anyHeld: boolean) => void;
  #anyHeld = false;

  /** `onChange(anyHeld)` fires when the first result arrives and when the last one goes. */
  constructor(onChange: (anyHeld: boolean) => void = () => {}) {
    this.#onChange = onChange;
  }

  #changed(): void {
    const anyHeld = this.#items.size > 0;
    if (anyHeld !== this.#anyHeld) {
      this.#anyHeld = anyHeld;
      this.#onChange(anyHeld);
    }
  }

  add(password: Secret, upn: string): string {
    const id = randomUUID();
    this.#items.set(id, { password, upn });
    while (this.#items.size > MAX_RESULTS) this.#items.delete(this.#items.keys().next().value!);
    this.#changed();
    return id;
  }

  get(id: string): { password: Secret; upn: string } {
    const item = this.#items.get(id);
    if (!item) throw new DomainError('RESULT_GONE');
    return item;
  }

  forget(id: string): boolean {
    const forgotten = this.#items.delete(id);
    this.#changed();
    return forgotten;
  }

  clear(): void {
    this.#items.clear();
    this.#changed();
  }
}
