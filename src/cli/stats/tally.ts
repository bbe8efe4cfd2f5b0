// A count of packets and of their bytes, for one protocol path or conversation.

export interface Tally {
  packets: number;
  bytes: number;
}
