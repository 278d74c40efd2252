/**
 * The entity relay: how one subgraph asks another about its entities
 * (lib/entity-lookup.ts) without holding the other's secret. The asking
 * subgraph proves itself with its own secret; the gateway, which holds every
 * subgraph's secret, forwards the question to the owner. Only `_entities`
 * queries pass, without the caller's token (the owner answers as to an
 * anonymous caller): a compromised subgraph can look entities up, nothing more.
 */
import express, { type Express } from 'express';
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { GATEWAY_SECRET_HEADER, secretMatches } from '../lib/auth';
import { SUBGRAPH_NAMES, gatewaySecretFor, type GatewayConfig, type SubgraphName } from '../lib/config';
import { ASKING_SUBGRAPH_HEADER, ENTITY_RELAY_PATH } from '../lib/entity-lookup';

const isSubgraph = (value: unknown): value is SubgraphName => SUBGRAPH_NAMES.includes(value as SubgraphName);

/** One query operation whose only root fields are `_entities`. */
function onlyEntities(query: unknown): boolean {
  let document: DocumentNode;
  try {
    document = parse(String(query), { maxTokens: 500 });
  } catch {
    return false;
  }
  const [operation] = document.definitions;
  return (
    document.definitions.length === 1 &&
    operation.kind === Kind.OPERATION_DEFINITION &&
    operation.operation === OperationTypeNode.QUERY &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
    )
  );
}

const refuse = (res: express.Response, status: number, message: string) =>
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST' } }] });

export function mountEntityRelay(app: Express, config: GatewayConfig): void {
  app.post(ENTITY_RELAY_PATH, express.json({ limit: '100kb' }), async (req, res) => {
    const asker = req.header(ASKING_SUBGRAPH_HEADER);
    if (!isSubgraph(asker) || !secretMatches(req.header(GATEWAY_SECRET_HEADER), gatewaySecretFor(config, asker))) {
      refuse(res, 401, 'The entity relay answers only the Baeumteo subgraphs.');
      return;
    }
    const {
      subgraph: owner,
      query,
      variables,
    } = (req.body ?? {}) as { subgraph?: unknown; query?: unknown; variables?: unknown };
    if (!isSubgraph(owner) || owner === asker)
      return void refuse(res, 400, 'subgraph must name another Baeumteo subgraph.');
    if (!onlyEntities(query)) return void refuse(res, 400, 'The entity relay passes only an _entities query.');
    // Replicas of the owner (<NAME>_URL may list several): a random one first, then the others, until one answers.
    const { urls } = config.subgraphs[owner];
    const start = Math.floor(Math.random() * urls.length);
    const order = [...urls.slice(start), ...urls.slice(0, start)];
    let lastError: unknown;
    for (const url of order) {
      try {
        const answer = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: gatewaySecretFor(config, owner) },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(config.subgraphTimeoutMs),
        });
        res
          .status(answer.status)
          .type('application/json')
          .send(await answer.text());
        return;
      } catch (error) {
        lastError = error;
      }
    }
    refuse(res, 502, `The ${owner} subgraph could not be asked: ${(lastError as Error).message}`);
  });
}
