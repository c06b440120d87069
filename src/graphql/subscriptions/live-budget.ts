/**
 * Distinct live inputs: each distinct subscription (document, variables, scope: the fan-out key)
 * is one more computation after every write, however many subscribers share it. So the number of
 * distinct ones is bounded per connection, per client (its API key, or its address without one)
 * and per process (issue 19: 10 distinct seeds at 1,000 bootstrap rounds on one connection cost
 * 11 CPU-seconds per write). Subscribers joining an input already held cost nothing more.
 */
import { GraphQLError } from 'graphql';
import type { SubscriptionSettings } from '../../config';

type BudgetSettings = Pick<
  SubscriptionSettings,
  'maxLiveInputsPerConnection' | 'maxLiveInputsPerClient' | 'maxLiveInputs'
>;

/** Reference counts of the inputs one holder (a connection, a client, the process) uses. */
class Holdings {
  private readonly byHolder = new Map<unknown, Map<string, number>>();

  distinct(holder: unknown): number {
    return this.byHolder.get(holder)?.size ?? 0;
  }

  has(holder: unknown, input: string): boolean {
    return this.byHolder.get(holder)?.has(input) ?? false;
  }

  add(holder: unknown, input: string): void {
    let inputs = this.byHolder.get(holder);
    if (inputs === undefined) {
      inputs = new Map();
      this.byHolder.set(holder, inputs);
    }
    inputs.set(input, (inputs.get(input) ?? 0) + 1);
  }

  remove(holder: unknown, input: string): void {
    const inputs = this.byHolder.get(holder);
    const count = inputs?.get(input);
    if (inputs === undefined || count === undefined) return;
    if (count > 1) inputs.set(input, count - 1);
    else inputs.delete(input);
    if (inputs.size === 0) this.byHolder.delete(holder);
  }
}

const PROCESS = Symbol('process');

export class LiveBudget {
  private readonly holdings = new Holdings();

  constructor(private readonly settings: BudgetSettings) {}

  /** Takes `input` for a subscription, or says which budget it would exceed; `release` gives it back. */
  acquire(
    connection: object,
    client: string,
    input: string,
  ): { release: () => void } | GraphQLError {
    const checks: [unknown, string, number][] = [
      [connection, 'maxLiveInputsPerConnection', this.settings.maxLiveInputsPerConnection],
      [client, 'maxLiveInputsPerClient', this.settings.maxLiveInputsPerClient],
      [PROCESS, 'maxLiveInputs', this.settings.maxLiveInputs],
    ];
    for (const [holder, limit, max] of checks) {
      if (this.holdings.has(holder, input)) continue;
      const received = this.holdings.distinct(holder) + 1;
      if (received > max) return budgetError(limit, max, received);
    }
    for (const [holder] of checks) this.holdings.add(holder, input);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const [holder] of checks) this.holdings.remove(holder, input);
      },
    };
  }
}

const WHO: Record<string, string> = {
  maxLiveInputsPerConnection: 'A connection',
  maxLiveInputsPerClient: 'A client (one API key, or one address without a key)',
  maxLiveInputs: 'This server',
};

function budgetError(limit: string, max: number, received: number): GraphQLError {
  return new GraphQLError(
    `${WHO[limit]} may hold at most ${max} distinct live subscriptions (document and variables), but this one would be number ${received}; share an input or end one first.`,
    { extensions: { code: 'LIMIT_EXCEEDED', limit, max, received } },
  );
}
