/**
 * Several gateway workers (GATEWAY_WORKERS > 1): node:cluster forks them and
 * they share the listening port. Each worker keeps its own memory, so what
 * must be common goes through the primary over IPC:
 * - response-cache invalidation: a worker that ran a mutation waits until
 *   every other worker has dropped its cached answers too (acknowledged), so
 *   a read after a publish sees it whichever worker answers; with REDIS_URL the
 *   store is shared anyway and nothing is relayed;
 * - /metrics: the primary adds up every worker's registry (prom-client's
 *   AggregatorRegistry), so a scrape sees the whole gateway.
 * A worker that dies is forked again; SIGTERM stops the workers gracefully.
 * In-memory rate limits stay per worker (set REDIS_URL for exact limits).
 */
import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AggregatorRegistry } from 'prom-client';
import type { GatewayConfig } from '../lib/config';
import { createLogger } from '../lib/logger';
import { registry } from '../lib/metrics';
import type { ResponseCacheStore } from './response-cache';

/** Messages between the primary and the workers; `id` pairs an answer with its question. */
type Message =
  | { type: 'baeumteo:cache-invalidate'; id: string; tags: string[] }
  | { type: 'baeumteo:cache-invalidated'; id: string }
  | { type: 'baeumteo:metrics'; id: string }
  | { type: 'baeumteo:metrics-text'; id: string; text: string };

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && String((value as { type?: unknown }).type).startsWith('baeumteo:');

/** How long a relayed step may wait for the other workers (a stuck worker must not block a mutation's answer). */
const RELAY_TIMEOUT_MS = 2_000;

export const inClusterWorker = (): boolean => cluster.isWorker;

/** One side of the IPC channel: a worker's `process` or, in the primary, a `Worker`. */
interface Peer {
  send(message: Message): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Sends `message` to `peer` and resolves with its answer of `answerType` and the same id, or undefined after the timeout. */
function ask<T extends Message['type']>(
  peer: Peer,
  message: Message,
  answerType: T,
): Promise<Extract<Message, { type: T }> | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(undefined), RELAY_TIMEOUT_MS);
    const onMessage = (answer: unknown) => {
      if (isMessage(answer) && answer.type === answerType && answer.id === message.id)
        finish(answer as Extract<Message, { type: T }>);
    };
    const finish = (answer: Extract<Message, { type: T }> | undefined) => {
      clearTimeout(timer);
      peer.off('message', onMessage);
      resolve(answer);
    };
    peer.on('message', onMessage);
    peer.send(message);
  });
}

/** In a worker: asks the primary. */
const askPrimary = <T extends Message['type']>(message: Message, answerType: T) =>
  ask(process as unknown as Peer, message, answerType);

/**
 * A worker's in-memory response cache whose invalidations reach every worker: an invalidation here is
 * relayed and waited for; one relayed from another worker is applied here and acknowledged.
 */
export function clusterWideStore(local: ResponseCacheStore): ResponseCacheStore {
  process.on('message', (message: unknown) => {
    if (!isMessage(message) || message.type !== 'baeumteo:cache-invalidate') return;
    void local
      .invalidate(message.tags)
      .finally(() => process.send!({ type: 'baeumteo:cache-invalidated', id: message.id } satisfies Message));
  });
  return {
    mark: () => local.mark(),
    get: (key) => local.get(key),
    set: (key, value, ttlMs, tags, mark) => local.set(key, value, ttlMs, tags, mark),
    close: () => local.close(),
    async invalidate(tags) {
      await local.invalidate(tags);
      await askPrimary({ type: 'baeumteo:cache-invalidate', id: randomUUID(), tags }, 'baeumteo:cache-invalidated');
    },
  };
}

/** /metrics in a worker: the whole gateway's metrics, added up by the primary. */
export const clusterMetrics: RequestHandler = async (_req, res) => {
  const answer = await askPrimary({ type: 'baeumteo:metrics', id: randomUUID() }, 'baeumteo:metrics-text');
  if (!answer) {
    res.status(503).type('text/plain').send('metrics of the other workers did not arrive in time\n');
    return;
  }
  res.set('content-type', registry.contentType).send(answer.text);
};

/** In each worker: answer the primary's metrics collection from this worker's registry. */
export function joinClusterMetrics(): void {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs the worker's listener
}

/** The primary: forks the workers, relays between them, re-forks one that dies. */
export function runGatewayPrimary(config: GatewayConfig): void {
  const logger = createLogger('gateway', config.logLevel);
  const aggregator = new AggregatorRegistry();
  let stopping = false;

  /** Relays an invalidation to every worker but the sender, then acknowledges it to the sender. */
  const relayInvalidation = async (sender: Worker, id: string, tags: string[]) => {
    const others = Object.values(cluster.workers ?? {}).filter(
      (worker): worker is Worker => !!worker && worker !== sender && worker.isConnected(),
    );
    await Promise.all(
      others.map((worker) =>
        ask(worker, { type: 'baeumteo:cache-invalidate', id, tags }, 'baeumteo:cache-invalidated'),
      ),
    );
    if (sender.isConnected()) sender.send({ type: 'baeumteo:cache-invalidated', id } satisfies Message);
  };

  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'baeumteo:cache-invalidate') void relayInvalidation(worker, message.id, message.tags);
    if (message.type === 'baeumteo:metrics') {
      void aggregator
        .clusterMetrics()
        .catch((error: Error) => `# metrics could not be collected: ${error.message}\n`)
        .then(
          (text) =>
            worker.isConnected() &&
            worker.send({ type: 'baeumteo:metrics-text', id: message.id, text } satisfies Message),
        );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn({ workerPid: worker.process.pid, code, signal }, 'gateway worker exited; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the gateway workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 100);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < config.gatewayWorkers; i += 1) cluster.fork();
  logger.info({ workers: config.gatewayWorkers }, `gateway primary started ${config.gatewayWorkers} workers`);
}
