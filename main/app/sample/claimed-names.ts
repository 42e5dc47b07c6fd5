/**
 * The UPNs a sample build has given out, kept as 64-bit hashes in an open-addressing
 * table: 16 bytes a name (a typed-array slot at half load) instead of the ~100 a string
 * in a Set costs, so a million names take 32 MB, not 100. Two names with the same
 * hash (odds about 3e-8 across a million) only make the second one look taken, so it
 * gets the next suffix: a name is never given twice, and the result still depends only
 * on the seed. Pure integer arithmetic: the same on every machine.
 */
export class ClaimedNames {
  #hi = new Uint32Array(1 << 10);
  #lo = new Uint32Array(1 << 10);
  #count = 0;

  get size(): number {
    return this.#count;
  }

  /** Claims `name` (compared exactly: lower-case it first for case-insensitive names); false if it was taken. */
  claim(name: string): boolean {
    const [hi, lo] = hash64(name);
    if (!this.#place(hi, lo)) return false;
    this.#count++;
    if (this.#count * 2 > this.#hi.length) this.#grow();
    return true;
  }

  /** Puts the hash in its slot; false if it is already there. */
  #place(hi: number, lo: number): boolean {
    const mask = this.#hi.length - 1;
    for (let slot = (hi ^ lo) & mask; ; slot = (slot + 1) & mask) {
      const [h, l] = [this.#hi[slot] ?? 0, this.#lo[slot] ?? 0];
      if (h === 0 && l === 0) {
        this.#hi[slot] = hi;
        this.#lo[slot] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  #grow(): void {
    const [oldHi, oldLo] = [this.#hi, this.#lo];
    this.#hi = new Uint32Array(oldHi.length * 2);
    this.#lo = new Uint32Array(oldLo.length * 2);
    oldHi.forEach((hi, slot) => {
      const lo = oldLo[slot] ?? 0;
      if (hi !== 0 || lo !== 0) this.#place(hi, lo);
    });
  }
}

/** Two independent 32-bit hashes of the UTF-16 code units (FNV-1a and a murmur-style mix, each finalised by murmur3's fmix32); never (0, 0), the empty slot. */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix32(a) >>> 0, (fmix32(b) | 1) >>> 0];
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
