/**
 * A password (or any other secret) that cannot leak by accident.
 *
 * Passwords travel through code that logs, serialises and inspects things:
 * audit details, error payloads, `console.log` while debugging, JSON sent over
 * IPC. Wrapping the string means every one of those paths prints '[redacted]'
 * and the only way to get the text is to call `reveal()` on purpose, which is
 * easy to find in review.
 *
 * The value sits in a private `#field`: it is not an own property, so
 * `Object.keys`, spreading, `structuredClone` and `util.inspect` (even with
 * `customInspect: false`) do not see it.
 */

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    // A non-string would be coerced later and could hide a bug (e.g. `undefined`
    // becoming the password "undefined"): refuse it here.
    if (typeof value !== 'string') throw new TypeError('A Secret wraps a string.');
    this.#value = value;
  }

  /** The secret text. Call it only where the text must leave the process. */
  reveal(): string {
    return this.#value;
  }

  /** String(), template literals and string concatenation. */
  toString(): string {
    return REDACTED;
  }

  /** JSON.stringify, including IPC payloads and log lines built from JSON. */
  toJSON(): string {
    return REDACTED;
  }

  /** console.log and util.inspect / util.format('%o'). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
