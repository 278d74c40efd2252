/**
 * Batching of the fetches one client request makes to one subgraph at the same
 * time. The query planner runs the fetches of a Parallel node concurrently and
 * often sends several to the same subgraph: the dong page asks libraries four
 * times (the dong's libraries, the centers' venues, the programs' hosts and
 * venues). Those are merged into one operation — each part's root fields
 * aliased, its variables and fragments renamed with a prefix of its own — and
 * sent as one HTTP request; the answer is split back by alias, each error to
 * the part its path names. Batching stays transparent: every part gets what a
 * fetch of its own would have got. An error without a path reaches the client
 * once (with the first part), not once per part; when the subgraph nulled the
 * whole merged answer (a non-null root field such as `_entities` failed in one
 * part) or failed it before execution, the parts are asked again one by one, so
 * one part's fault never blanks its siblings; and when the request itself
 * fails (network, timeout, open breaker), each part gets the error at its own
 * path (gateway/subgraph-fetch.ts). One request instead of four saves the subgraph its
 * per-request work (HTTP, parsing, context, logging), and its DataLoaders then
 * batch across the parts. Mutations are never merged: their order matters.
 * Fetches are collected until the event loop's next check phase (setImmediate),
 * which is after every fetch of one Parallel node has been issued.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { failedFetchAnswer, type GatewayContext } from './subgraph-fetch';

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type ResponseError = NonNullable<GatewayResponse['errors']>[number];
/** A fetch of the query plan (not a health check or schema load): it carries the parsed operation. */
type PlanFetch<TContext extends GatewayContext> = Extract<
  GraphQLDataSourceProcessOptions<TContext>,
  { incomingRequestContext: unknown }
>;

const isPlanFetch = <TContext extends GatewayContext>(
  options: GraphQLDataSourceProcessOptions<TContext>,
): options is PlanFetch<TContext> => 'incomingRequestContext' in options;

/** One fetch the planner asked for, with the answer it waits for. */
interface Part<TContext extends GatewayContext> {
  options: PlanFetch<TContext>;
  resolve: (response: GatewayResponse) => void;
  reject: (error: unknown) => void;
}

export interface MergedOperation {
  query: string;
  operationName: string;
}

export interface BatchingStats {
  /** HTTP requests sent for merged batches. */
  batches: number;
  /** Fetches that travelled inside a merged batch. */
  mergedFetches: number;
}

/** `_3_` for the fourth part: unambiguous, since a prefix always ends at its first underscore after the number. */
const prefixOf = (index: number) => `_${index}_`;

/** The operation of a subgraph fetch, if it can be merged: a query whose root selections are all plain fields. */
function mergeableOperation(document: DocumentNode): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) return undefined;
  const [operation] = operations;
  if (operation.operation !== OperationTypeNode.QUERY || (operation.directives?.length ?? 0) > 0) return undefined;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD) ? operation : undefined;
}

/** One part of the merged document: its variables and fragments renamed, its root fields aliased. */
function prefixedPart(
  document: DocumentNode,
  prefix: string,
): { operation: OperationDefinitionNode; fragments: FragmentDefinitionNode[] } {
  const renamed = visit(document, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
  });
  const operation = mergeableOperation(renamed)!;
  const fields = (operation.selectionSet.selections as FieldNode[]).map((field): FieldNode => ({
    ...field,
    alias: { kind: Kind.NAME, value: prefix + (field.alias ?? field.name).value },
  }));
  return {
    operation: { ...operation, selectionSet: { ...operation.selectionSet, selections: fields } },
    fragments: renamed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION),
  };
}

/** The merged operation of several fetches to one subgraph (pure; the caller caches it by the parts' texts). */
export function mergeOperations(parts: { document: DocumentNode; operationName?: string | null }[]): MergedOperation {
  const prefixed = parts.map(({ document }, index) => prefixedPart(document, prefixOf(index)));
  const operationName = `${parts[0].operationName ?? 'Fetch'}__batch${parts.length}`;
  const merged: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        name: { kind: Kind.NAME, value: operationName },
        variableDefinitions: prefixed.flatMap(({ operation }) => operation.variableDefinitions ?? []),
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: prefixed.flatMap(({ operation }) => operation.selectionSet.selections),
        },
      },
      ...prefixed.flatMap(({ fragments }) => fragments),
    ],
  };
  return { query: print(merged), operationName };
}

/** The variables of the merged operation: each part's under its prefix. */
export function mergeVariables(variables: (Record<string, unknown> | undefined)[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  variables.forEach((vars, index) => {
    for (const [name, value] of Object.entries(vars ?? {})) merged[prefixOf(index) + name] = value;
  });
  return merged;
}

/**
 * The merged answer cut back into one answer per part: data by alias prefix,
 * errors by the first step of their path, an error without a path with the
 * first part only (it is about the one request). No answer (undefined) for
 * any part when the merged answer has no data: the subgraph nulled or refused
 * the whole operation, and which part caused it cannot be told from here.
 */
export function splitResponse(response: GatewayResponse, partCount: number): (GatewayResponse | undefined)[] {
  if (!response.data) return Array.from({ length: partCount }, () => undefined);
  return Array.from({ length: partCount }, (_, index) => {
    const prefix = prefixOf(index);
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(response.data!)) {
      if (key.startsWith(prefix)) data[key.slice(prefix.length)] = value;
    }
    const errors = response.errors?.flatMap((error): ResponseError[] => {
      const [first, ...rest] = error.path ?? [];
      if (typeof first !== 'string' || !/^_\d+_/.test(first)) return index === 0 ? [error] : [];
      return first.startsWith(prefix) ? [{ ...error, path: [first.slice(prefix.length), ...rest] }] : [];
    });
    return { ...response, data, errors: errors && errors.length > 0 ? errors : undefined };
  });
}

/** A map that forgets its oldest entry beyond `maxEntries`: subgraph operations come from a finite set of plans. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  getOrCreate(key: string, create: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = create();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

/** A subgraph data source that merges the concurrent query fetches of one client request into one request. */
export class BatchingDataSource<TContext extends GatewayContext> implements GraphQLDataSource<TContext> {
  /** Parts waiting for the flush, per client request (the gateway's context object). */
  private readonly pending = new WeakMap<object, Part<TContext>[]>();
  /** Each subgraph operation text, parsed once: its document, or null when it cannot be merged. */
  private readonly documents = new BoundedMap<DocumentNode | null>(1_000);
  /** Merged operations by their parts' texts: the same plans give the same batches again and again. */
  private readonly merged = new BoundedMap<MergedOperation>(1_000);

  constructor(
    private readonly inner: GraphQLDataSource<TContext>,
    private readonly stats: BatchingStats = { batches: 0, mergedFetches: 0 },
    private readonly maxParts = 32,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayResponse> {
    if (!isPlanFetch(options) || !this.documentOf(options.request.query)) return this.inner.process(options);
    const context = options.context as object;
    return new Promise((resolve, reject) => {
      let parts = this.pending.get(context);
      if (!parts) {
        parts = [];
        this.pending.set(context, parts);
        setImmediate(() => {
          this.pending.delete(context);
          this.flush(parts!);
        });
      }
      parts.push({ options, resolve, reject });
    });
  }

  private documentOf(query: string | undefined): DocumentNode | null {
    if (!query) return null;
    return this.documents.getOrCreate(query, () => {
      const document = parse(query, { noLocation: true });
      return mergeableOperation(document) ? document : null;
    });
  }

  private flush(parts: Part<TContext>[]): void {
    for (let start = 0; start < parts.length; start += this.maxParts) {
      const chunk = parts.slice(start, start + this.maxParts);
      if (chunk.length === 1) {
        const [{ options, resolve, reject }] = chunk;
        this.inner.process(options).then(resolve, reject);
      } else {
        void this.send(chunk);
      }
    }
  }

  private async send(parts: Part<TContext>[]): Promise<void> {
    const first = parts[0].options;
    const { query, operationName } = this.merged.getOrCreate(
      parts.map(({ options }) => options.request.query).join('\u0000'),
      () =>
        mergeOperations(
          parts.map(({ options }) => ({
            document: this.documentOf(options.request.query)!,
            operationName: options.request.operationName,
          })),
        ),
    );
    this.stats.batches += 1;
    this.stats.mergedFetches += parts.length;
    let response: GatewayResponse;
    try {
      response = await this.inner.process({
        ...first,
        request: {
          ...first.request,
          query,
          operationName,
          variables: mergeVariables(parts.map(({ options }) => options.request.variables)),
        },
        document: undefined,
        pathInIncomingRequest: undefined,
      });
    } catch (error) {
      // The subgraph's named error, at each part's own place in the response; anything else as it came.
      for (const part of parts) {
        if (error instanceof GraphQLError) part.resolve(failedFetchAnswer(part.options.request.query, error));
        else part.reject(error);
      }
      return;
    }
    splitResponse(response, parts.length).forEach((answer, index) => {
      const { options, resolve, reject } = parts[index];
      if (answer) resolve(answer);
      else this.inner.process(options).then(resolve, reject); // asked alone, as without batching
    });
  }
}
