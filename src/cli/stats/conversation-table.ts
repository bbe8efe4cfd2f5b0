// The conversations of `tapline stats`: packets, bytes, first and last time of each, found
// per packet without making text. IPv4 conversations are keyed by their numbers in an
// open-addressing table over typed arrays; other ones (IPv6) by their text in a Map. Both
// share one numbering in order of first appearance, which is the order ties are printed in.

import { ipv4ConversationKey } from './protocol-classifier';
import type { Tally } from './tally';

const EMPTY = -1;
const FIRST_CAPACITY = 1024;

export interface ConversationRow extends Tally {
  key: string;
  /** Last packet's time minus the first's, in nanoseconds. */
  durationNanos: bigint;
}

function grown<T extends Float64Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (length: number) => T)(size);
  copy.set(array);
  return copy;
}

/** Mixes an IPv4 conversation's fields into a slot number; collisions are probed past. */
function hashOf(
  protocol: number, addressA: number, portA: number, addressB: number, portB: number,
): number {
  let hash = Math.imul(addressA ^ 0x5bd1e995, 0x9e3779b1) ^ addressB;
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b) ^ ((portA << 16) | portB) ^ (protocol << 7);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export class ConversationTable {
  /** Packets of conversations that came after the table was full. */
  readonly other: Tally = { packets: 0, bytes: 0 };
  private size = 0;
  private capacity = FIRST_CAPACITY;
  /** Slot -> conversation number, EMPTY where free; twice the capacity or more. */
  private slots = new Int32Array(FIRST_CAPACITY * 2).fill(EMPTY);
  private protocols = new Uint8Array(FIRST_CAPACITY);
  private addressesA = new Uint32Array(FIRST_CAPACITY);
  private portsA = new Uint32Array(FIRST_CAPACITY);
  private addressesB = new Uint32Array(FIRST_CAPACITY);
  private portsB = new Uint32Array(FIRST_CAPACITY);
  private packets = new Float64Array(FIRST_CAPACITY);
  private bytes = new Float64Array(FIRST_CAPACITY);
  private firstSeconds = new Float64Array(FIRST_CAPACITY);
  private firstNanos = new Float64Array(FIRST_CAPACITY);
  private lastSeconds = new Float64Array(FIRST_CAPACITY);
  private lastNanos = new Float64Array(FIRST_CAPACITY);
  /** The key of each conversation not in the IPv4 table, by number. */
  private readonly textKeys = new Map<number, string>();
  private readonly textNumbers = new Map<string, number>();

  /** @param limit conversations beyond this many are counted together in `other`. */
  constructor(private readonly limit: number) {}

  get count(): number {
    return this.size;
  }

  addIpv4(
    protocol: number, addressA: number, portA: number, addressB: number, portB: number,
    bytes: number, seconds: number, nanoseconds: number,
  ): void {
    const mask = this.slots.length - 1;
    let slot = hashOf(protocol, addressA, portA, addressB, portB) & mask;
    for (;;) {
      const number = this.slots[slot];
      if (number === EMPTY) break;
      if (this.addressesA[number] === addressA && this.addressesB[number] === addressB &&
        this.portsA[number] === portA && this.portsB[number] === portB &&
        this.protocols[number] === protocol) {
        this.addTo(number, bytes, seconds, nanoseconds);
        return;
      }
      slot = (slot + 1) & mask;
    }
    const number = this.create(bytes, seconds, nanoseconds);
    if (number === EMPTY) return;
    this.protocols[number] = protocol;
    this.addressesA[number] = addressA;
    this.portsA[number] = portA;
    this.addressesB[number] = addressB;
    this.portsB[number] = portB;
    if (this.slots.length === this.capacity * 2) this.slots[slot] = number;
    else this.rehash();
  }

  addText(key: string, bytes: number, seconds: number, nanoseconds: number): void {
    const known = this.textNumbers.get(key);
    if (known !== undefined) {
      this.addTo(known, bytes, seconds, nanoseconds);
      return;
    }
    const number = this.create(bytes, seconds, nanoseconds);
    if (number === EMPTY) return;
    this.textKeys.set(number, key);
    this.textNumbers.set(key, number);
  }

  /** The `count` conversations with most bytes (then packets, then first seen). */
  top(count: number): ConversationRow[] {
    const numbers = Array.from({ length: this.size }, (_, index) => index);
    numbers.sort((a, b) => this.bytes[b] - this.bytes[a] || this.packets[b] - this.packets[a] ||
      a - b);
    return numbers.slice(0, count).map((number) => ({
      key: this.textKeys.get(number) ?? ipv4ConversationKey(this.protocols[number],
        this.addressesA[number], this.portsA[number], this.addressesB[number],
        this.portsB[number]),
      packets: this.packets[number],
      bytes: this.bytes[number],
      durationNanos: nanosOf(this.lastSeconds[number], this.lastNanos[number]) -
        nanosOf(this.firstSeconds[number], this.firstNanos[number]),
    }));
  }

  private addTo(number: number, bytes: number, seconds: number, nanoseconds: number): void {
    this.packets[number] += 1;
    this.bytes[number] += bytes;
    const firstSeconds = this.firstSeconds[number];
    if (seconds < firstSeconds ||
      (seconds === firstSeconds && nanoseconds < this.firstNanos[number])) {
      this.firstSeconds[number] = seconds;
      this.firstNanos[number] = nanoseconds;
    }
    const lastSeconds = this.lastSeconds[number];
    if (seconds > lastSeconds ||
      (seconds === lastSeconds && nanoseconds > this.lastNanos[number])) {
      this.lastSeconds[number] = seconds;
      this.lastNanos[number] = nanoseconds;
    }
  }

  /** A new conversation's number with its first packet counted, or EMPTY when full. */
  private create(bytes: number, seconds: number, nanoseconds: number): number {
    if (this.size >= this.limit) {
      this.other.packets += 1;
      this.other.bytes += bytes;
      return EMPTY;
    }
    if (this.size === this.capacity) this.grow();
    const number = this.size++;
    this.packets[number] = 1;
    this.bytes[number] = bytes;
    this.firstSeconds[number] = seconds;
    this.firstNanos[number] = nanoseconds;
    this.lastSeconds[number] = seconds;
    this.lastNanos[number] = nanoseconds;
    return number;
  }

  private grow(): void {
    const size = this.capacity * 2;
    this.capacity = size;
    this.protocols = grown(this.protocols, size);
    this.addressesA = grown(this.addressesA, size);
    this.portsA = grown(this.portsA, size);
    this.addressesB = grown(this.addressesB, size);
    this.portsB = grown(this.portsB, size);
    this.packets = grown(this.packets, size);
    this.bytes = grown(this.bytes, size);
    this.firstSeconds = grown(this.firstSeconds, size);
    this.firstNanos = grown(this.firstNanos, size);
    this.lastSeconds = grown(this.lastSeconds, size);
    this.lastNanos = grown(this.lastNanos, size);
  }

  /** Slots for the grown capacity, every IPv4 conversation placed again. */
  private rehash(): void {
    this.slots = new Int32Array(this.capacity * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let number = 0; number < this.size; number++) {
      if (this.textKeys.has(number)) continue;
      let slot = hashOf(this.protocols[number], this.addressesA[number], this.portsA[number],
        this.addressesB[number], this.portsB[number]) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = number;
    }
  }
}

function nanosOf(seconds: number, nanoseconds: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
}
