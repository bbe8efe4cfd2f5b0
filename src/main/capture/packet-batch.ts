// A batch of live packets: one buffer of captured bytes plus five numbers per packet.

/** Numbers per packet in PacketBatch.records, in this order. */
export const RECORD_WORDS = 5;
export const RECORD_OFFSET = 0;
export const RECORD_CAPLEN = 1;
export const RECORD_LEN = 2;
export const RECORD_SECONDS = 3;
export const RECORD_NANOSECONDS = 4;

export interface PacketBatch {
  /** The captured bytes of every packet, back to back. */
  readonly data: Uint8Array;
  /** RECORD_WORDS numbers per packet: offset in data, caplen, len, seconds, nanoseconds. */
  readonly records: Uint32Array;
  readonly count: number;
  /** LINKTYPE_* of every packet in the batch. */
  readonly linkType: number;
}

/** One packet of a batch, read in place; the kernel's timestamp, never the JS clock. */
export interface LivePacket {
  readonly seconds: number;
  /** 0 to 999,999,999, whatever precision the device gave. */
  readonly nanoseconds: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  /** A view into the batch's buffer. */
  readonly data: Uint8Array;
}

export function packetAt(batch: PacketBatch, index: number): LivePacket {
  if (!Number.isInteger(index) || index < 0 || index >= batch.count) {
    throw new RangeError(`packet ${index} is outside a batch of ${batch.count}`);
  }
  const base = index * RECORD_WORDS;
  const offset = batch.records[base + RECORD_OFFSET];
  const capturedLength = batch.records[base + RECORD_CAPLEN];
  return {
    seconds: batch.records[base + RECORD_SECONDS],
    nanoseconds: batch.records[base + RECORD_NANOSECONDS],
    capturedLength,
    originalLength: batch.records[base + RECORD_LEN],
    data: batch.data.subarray(offset, offset + capturedLength),
  };
}

export function* packetsOf(batch: PacketBatch): Generator<LivePacket> {
  for (let index = 0; index < batch.count; index++) yield packetAt(batch, index);
}

/** Total captured bytes of a batch. */
export function batchBytes(batch: PacketBatch): number {
  let total = 0;
  for (let index = 0; index < batch.count; index++) {
    total += batch.records[index * RECORD_WORDS + RECORD_CAPLEN];
  }
  return total;
}
