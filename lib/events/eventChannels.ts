import { IsxError } from '../errors.js';
import { checkMemberIndex } from '../isxd/setMembers.js';
import { toChannelData, type ChannelData } from './channelData.js';
import type { EventContent } from './eventContent.js';

/** How isx names the members of a set in messages: cells of an event set, channels of a GPIO/IMU set. */
export type ChannelNoun = 'Cell' | 'Channel';

/** Channel access shared by EventSet and GpioSet: names, index checks, per-channel data (spec 6.3). */
export class EventChannels {
  constructor(
    readonly content: EventContent,
    private readonly path: string,
    private readonly noun: ChannelNoun,
    private readonly parity: boolean,
  ) {}

  get count(): number {
    return this.content.channelNames.length;
  }

  nameOf(index: number): string {
    this.checkIndex(index);
    return this.content.channelNames[index]!;
  }

  /** spec 6.3: the first channel with that name (later duplicates are reachable only by index). */
  indexOf(name: string): number {
    const index = this.content.channelNames.indexOf(name);
    if (index < 0) {
      throw new IsxError('E_ARGUMENT', `${this.noun} with name "${name}" does not exist.`, { path: this.path });
    }
    return index;
  }

  async dataOf(index: number): Promise<ChannelData> {
    this.checkIndex(index);
    const packets = await this.content.store.readChannel(index);
    return toChannelData(packets, this.content.offsetBase, this.parity, this.path);
  }

  /** Rejects an index outside the set, in isx's words (spec 14). */
  checkIndex(index: number): void {
    checkMemberIndex(index, this.count, this.noun, this.path);
  }
}
