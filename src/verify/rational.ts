/** Exact rationals over bigint: the engine compares rational values exactly. */
export class Rat {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint, d: bigint = 1n): Rat {
    if (d === 0n) throw new RangeError('zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g > 1n ? new Rat(n / g, d / g) : new Rat(n, d);
  }

  static int(n: number | bigint): Rat {
    return new Rat(BigInt(n), 1n);
  }

  /** Parse a plain decimal literal such as `-12.5e-3`. */
  static parseDecimal(text: string): Rat | undefined {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    let d = 10n ** BigInt(frac.length);
    const exp = Number(m[4] ?? 0);
    if (Math.abs(exp) > 400) return undefined;
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    return Rat.of(m[1] === '-' ? -n : n, d);
  }

  add(o: Rat): Rat {
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rat): Rat {
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rat): Rat {
    return Rat.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rat): Rat {
    return Rat.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rat {
    return new Rat(-this.n, this.d);
  }
  abs(): Rat {
    return this.n < 0n ? this.neg() : this;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  isInt(): boolean {
    return this.d === 1n;
  }
  sign(): number {
    return this.n === 0n ? 0 : this.n < 0n ? -1 : 1;
  }
  eq(o: Rat): boolean {
    return this.n === o.n && this.d === o.d;
  }
  /** Integer power; the caller bounds the exponent. */
  powInt(e: bigint): Rat {
    if (e < 0n) return Rat.of(this.d, 1n).div(Rat.of(this.n, 1n)).powInt(-e);
    return Rat.of(this.n ** e, this.d ** e);
  }
  /** Bits of the larger of numerator and denominator: a cost measure for powers. */
  bits(): number {
    const a = this.n < 0n ? -this.n : this.n;
    return Math.max(a.toString(2).length, this.d.toString(2).length);
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
