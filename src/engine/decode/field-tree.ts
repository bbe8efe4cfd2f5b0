// Decoded fields with their byte offsets, for the detail tree and the hex highlight.

/** One field, named like Wireshark's display filters (`ip.src`, `tcp.flags`). */
export interface Field {
  readonly name: string;
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  readonly value: string | number;
}

/** One protocol layer of a packet and the fields read from it, in wire order. */
export interface Layer {
  readonly name: string;
  readonly label: string;
  readonly offset: number;
  length: number;
  readonly fields: Field[];
}

/**
 * Collects layers and fields while a decoder walks a packet. The printer passes none, so
 * printing builds no field objects; `dissect` passes one.
 */
export class FieldTree {
  readonly layers: Layer[] = [];
  private current?: Layer;

  /** Starts a layer at `offset`; its length grows to cover the fields added to it. */
  layer(name: string, label: string, offset: number): void {
    this.current = { name, label, offset, length: 0, fields: [] };
    this.layers.push(this.current);
  }

  add(name: string, label: string, offset: number, length: number, value: string | number): void {
    const layer = this.current;
    if (!layer) return;
    layer.fields.push({ name, label, offset, length, value });
    const end = offset + length - layer.offset;
    if (end > layer.length) layer.length = end;
  }

  /** Sets the current layer's length when its header says more than its fields covered. */
  cover(length: number): void {
    if (this.current && length > this.current.length) this.current.length = length;
  }
}
