/**
 * One execution per distinct subscription: subscribers that sent the same document, variables and
 * operation name with the same key scope share a channel, which runs the GraphQL subscription once
 * and hands every event, serialised once (`SharedEvent.bytes`), to each member. graphql-ws still
 * drives each member as its own subscription (ids, completion, errors); the socket layer
 * (socket-sends.ts) sends the shared bytes to every member without copying them.
 *
 * A leaderboard subscription starts with the current board, so a member that joins a running
 * channel gets the channel's latest event first; a feed sends only what comes after.
 */
import {
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLError,
} from 'graphql';
import { EventQueue } from './event-queue';

export interface SharedEvent {
  readonly result: ExecutionResult;
  /** The `payload` of the graphql-ws `next` message, as JSON bytes: built once, on first use. */
  bytes(): Buffer;
}

export interface FanOutOptions {
  /** Formats a result's errors as the client sees them (the same as for unshared results). */
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** Events a member may leave unread: leaderboards keep the newest, feeds fail the member. */
  memberQueue: (replayLatest: boolean) => {
    capacity: number;
    overflow: 'latest' | 'fail';
    overflowError?: () => Error;
  };
}

interface Channel {
  source: AsyncIterator<ExecutionResult>;
  members: Set<EventQueue<SharedEvent>>;
  latest: SharedEvent | null;
  replayLatest: boolean;
  closed: boolean;
  /** Removes the channel from the map, so that the next subscriber opens a new one. */
  forget: () => void;
}

/** Root fields whose stream starts with the current state, so a late joiner needs the latest event. */
const STATEFUL_FIELDS = new Set(['leaderboardChanged']);

export class FanOut {
  private readonly channels = new Map<string, Promise<Channel | ExecutionResult>>();

  constructor(private readonly options: FanOutOptions) {}

  async subscribe(
    key: string,
    args: ExecutionArgs,
    rootFields: readonly string[],
  ): Promise<AsyncIterableIterator<SharedEvent> | ExecutionResult> {
    for (;;) {
      const channel = await this.channelFor(key, args, rootFields);
      if (!('members' in channel)) return channel;
      // The last member left while this one waited: that channel is closing, open another.
      if (channel.closed) continue;
      const member: EventQueue<SharedEvent> = new EventQueue<SharedEvent>({
        ...this.options.memberQueue(channel.replayLatest),
        cleanup: () => this.leave(channel, member),
      });
      channel.members.add(member);
      if (channel.latest !== null) member.push(channel.latest);
      return member;
    }
  }

  private channelFor(
    key: string,
    args: ExecutionArgs,
    rootFields: readonly string[],
  ): Promise<Channel | ExecutionResult> {
    const running = this.channels.get(key);
    if (running !== undefined) return running;
    const forget = () => {
      if (this.channels.get(key) === opening) this.channels.delete(key);
    };
    const opening = this.open(args, rootFields, forget);
    this.channels.set(key, opening);
    // A failed start (an unknown anchor model, say) is answered to those waiting, not kept.
    opening.then((channel) => {
      if (!('members' in channel)) forget();
    }, forget);
    return opening;
  }

  private async open(
    args: ExecutionArgs,
    rootFields: readonly string[],
    forget: () => void,
  ): Promise<Channel | ExecutionResult> {
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return result;
    const channel: Channel = {
      source: result[Symbol.asyncIterator](),
      members: new Set(),
      latest: null,
      replayLatest: rootFields.every((field) => STATEFUL_FIELDS.has(field)),
      closed: false,
      forget,
    };
    void this.pump(channel);
    return channel;
  }

  private async pump(channel: Channel): Promise<void> {
    try {
      for (;;) {
        const next = await channel.source.next();
        if (next.done || channel.closed) break;
        const event = this.share(next.value);
        if (channel.replayLatest) channel.latest = event;
        for (const member of channel.members) member.push(event);
      }
      for (const member of [...channel.members]) void member.return();
    } catch (error) {
      for (const member of [...channel.members]) member.fail(error);
    } finally {
      this.close(channel);
    }
  }

  private share(result: ExecutionResult): SharedEvent {
    let bytes: Buffer | null = null;
    const { formatErrors } = this.options;
    return {
      result,
      bytes: () =>
        (bytes ??= Buffer.from(
          JSON.stringify({
            data: result.data,
            ...(result.errors ? { errors: formatErrors(result.errors) } : {}),
            ...(result.extensions ? { extensions: result.extensions } : {}),
          }),
        )),
    };
  }

  private leave(channel: Channel, member: EventQueue<SharedEvent>): void {
    channel.members.delete(member);
    if (channel.members.size === 0) this.close(channel);
  }

  private close(channel: Channel): void {
    if (channel.closed) return;
    channel.closed = true;
    channel.forget();
    void channel.source.return?.();
  }
}
