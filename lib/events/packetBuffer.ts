/**
 * Growable columns of V2 event packets (time in µs, channel index, f32 value) as the raw GPIO converters
 * emit them, in emission order. Times are absolute (hardware tsc or µs since the epoch) until `toOffsets`.
 */
export class PacketBuffer {
  private times = new BigUint64Array(1024);
  private channelColumn = new Uint32Array(1024);
  private valueColumn = new Float32Array(1024);
  length = 0;

  push(timeUs: bigint, channel: number, value: number): void {
    if (this.length === this.times.length) this.grow();
    this.times[this.length] = timeUs;
    this.channelColumn[this.length] = channel;
    this.valueColumn[this.length] = value;
    this.length++;
  }

  timeAt(i: number): bigint {
    return this.times[i]!;
  }

  /**
   * Packets as offsets after `originUs`. Packets earlier than the origin are left out: the reference
   * writer cannot store a negative offset and drops them (spec 9.5).
   */
  toOffsets(originUs: bigint): { offsetsUs: BigUint64Array; channels: Uint32Array; values: Float32Array } {
    let kept = 0;
    for (let i = 0; i < this.length; i++) if (this.times[i]! >= originUs) kept++;
    const offsetsUs = new BigUint64Array(kept);
    const channels = new Uint32Array(kept);
    const values = new Float32Array(kept);
    let k = 0;
    for (let i = 0; i < this.length; i++) {
      const t = this.times[i]!;
      if (t < originUs) continue;
      offsetsUs[k] = t - originUs;
      channels[k] = this.channelColumn[i]!;
      values[k] = this.valueColumn[i]!;
      k++;
    }
    return { offsetsUs, channels, values };
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new BigUint64Array(capacity);
    times.set(this.times);
    const channels = new Uint32Array(capacity);
    channels.set(this.channelColumn);
    const values = new Float32Array(capacity);
    values.set(this.valueColumn);
    this.times = times;
    this.channelColumn = channels;
    this.valueColumn = values;
  }
}
