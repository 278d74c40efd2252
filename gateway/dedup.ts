/**
 * De-duplication of identical in-flight subgraph queries: while one fetch of
 * a (subgraph URL, authorization, body) is on its way, identical fetches wait
 * for it instead of asking the subgraph again. Under load many clients ask for
 * the same thing at once (the same dong page, the same district); this is what
 * let Hive Gateway serve ~3x our throughput on identical requests. The answer
 * is shared as text and each caller parses its own copy: the gateway merges
 * subgraph data into its result in place. Mutations are never shared (the
 * data source does not ask). Nothing is kept after the fetch ends: this is not
 * a cache.
 */

/** A subgraph's answer as it came over the wire. */
export interface SubgraphAnswer {
  status: number;
  body: string;
}

export interface DeduplicationStats {
  /** Fetches sent to a subgraph. */
  sent: number;
  /** Fetches answered by another identical fetch in flight. */
  shared: number;
}

export class InFlightSharing {
  private readonly inFlight = new Map<string, Promise<SubgraphAnswer>>();

  constructor(readonly stats: DeduplicationStats = { sent: 0, shared: 0 }) {}

  /** The answer of the fetch in flight under `key`, or of a new one made by `fetch`. */
  share(key: string, fetch: () => Promise<SubgraphAnswer>): Promise<SubgraphAnswer> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.stats.shared += 1;
      return pending;
    }
    this.stats.sent += 1;
    const answer = fetch().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, answer);
    return answer;
  }
}
