import type { FakeGpuType } from './fake-catalog.js';
import { gpuTypeView } from './fake-catalog.js';
import { project, validateSelection } from './fake-graphql-schema.js';
import { graphqlPodView } from './fake-pod-views.js';
import { capacityOf, type FakePodStore } from './fake-pods.js';
import { GraphqlSyntaxError, type ParsedOperation, parseOperation, type SelectedField } from './graphql-selection.js';

/** Exact capacity wordings RunPod sends (reference B4). */
export const graphqlMessages = {
  onDemandNoCapacity: 'There are no longer any instances available with the requested specifications. Please refresh and try again.',
  spotNoCapacity: 'There are no longer any instances available with the request specifications. Please try again later.',
  spotDiscontinued: 'Spot pods are no longer offered',
  podNotFoundToTerminate: 'pod not found to terminate',
} as const;

/** What the GraphQL resolvers read and change. */
export interface FakeGraphqlContext {
  readonly store: FakePodStore;
  readonly gpuTypes: () => readonly FakeGpuType[];
  readonly spotOffered: () => boolean;
}

/** A field resolver's refusal: reported in `errors` with HTTP 200. */
class FieldError extends Error {}

/** The root fields of a request, for logs and fault matching; undefined when it does not parse. */
export function rootFieldsOf(body: unknown): string | undefined {
  const { query, variables } = requestParts(body);
  if (query === undefined) return undefined;
  try {
    return parseOperation(query, variables)
      .selection.map((field) => field.name)
      .join(',');
  } catch {
    return undefined;
  }
}

/** Answers one GraphQL request: 400 for a document that does not validate, else 200 with `data` and maybe `errors`. */
export function answerGraphql(context: FakeGraphqlContext, body: unknown): { readonly status: number; readonly body: unknown } {
  const { query, variables } = requestParts(body);
  if (query === undefined) return { status: 400, body: { errors: [{ message: 'Must provide query string.' }] } };
  let operation: ParsedOperation;
  try {
    operation = parseOperation(query, variables);
  } catch (error) {
    if (error instanceof GraphqlSyntaxError) return validationFailure([error.message]);
    throw error;
  }
  const problems = validateSelection(operation.selection, operation.kind === 'mutation' ? 'Mutation' : 'Query');
  if (problems.length > 0) return validationFailure(problems);
  const data: Record<string, unknown> = {};
  const errors: Record<string, unknown>[] = [];
  for (const field of operation.selection) {
    try {
      data[field.responseKey] = project(resolveRoot(context, field), field.selection);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      data[field.responseKey] = null;
      errors.push({ message: error.message, path: [field.responseKey], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  }
  return { status: 200, body: errors.length > 0 ? { errors, data } : { data } };
}

function requestParts(body: unknown): { readonly query?: string; readonly variables: Readonly<Record<string, unknown>> } {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const variables = (typeof record.variables === 'object' && record.variables !== null ? record.variables : {}) as Record<string, unknown>;
  return typeof record.query === 'string' ? { query: record.query, variables } : { variables };
}

function validationFailure(messages: readonly string[]): { readonly status: number; readonly body: unknown } {
  return { status: 400, body: { errors: messages.map((message) => ({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) } };
}

function resolveRoot(context: FakeGraphqlContext, field: SelectedField): unknown {
  const input = (field.args.input ?? {}) as Record<string, unknown>;
  switch (field.name) {
    case 'gpuTypes':
      return context
        .gpuTypes()
        .filter((type) => typeof input.id !== 'string' || type.id === input.id)
        .map(gpuTypeView);
    case 'pod': {
      const pod = context.store.pods.get(String(input.podId));
      return pod === undefined ? null : graphqlPodView(context.store, pod);
    }
    case 'podTerminate':
      if (!context.store.terminate(String(input.podId))) throw new FieldError(graphqlMessages.podNotFoundToTerminate);
      return null;
    case 'podFindAndDeployOnDemand':
      return deploy(context, input, false);
    case 'podRentInterruptable':
      return deploy(context, input, true);
    default:
      throw new FieldError(`Cannot query field "${field.name}".`);
  }
}

function deploy(context: FakeGraphqlContext, input: Record<string, unknown>, interruptible: boolean): unknown {
  if (interruptible && !context.spotOffered()) throw new FieldError(graphqlMessages.spotDiscontinued);
  if (typeof input.gpuTypeId !== 'string' || typeof input.imageName !== 'string')
    throw new FieldError('gpuTypeId and imageName are required');
  const gpuCount = typeof input.gpuCount === 'number' ? input.gpuCount : 1;
  const dataCenterId = typeof input.dataCenterId === 'string' ? input.dataCenterId : undefined;
  const clouds =
    input.cloudType === 'COMMUNITY'
      ? (['COMMUNITY'] as const)
      : input.cloudType === 'SECURE'
        ? (['SECURE'] as const)
        : (['SECURE', 'COMMUNITY'] as const);
  const noCapacity = interruptible ? graphqlMessages.spotNoCapacity : graphqlMessages.onDemandNoCapacity;
  for (const cloud of clouds) {
    const capacity = capacityOf(context.gpuTypes(), { gpuTypeId: input.gpuTypeId, cloud, gpuCount, dataCenterId });
    if (!capacity.ok) continue;
    const listed = interruptible
      ? cloud === 'SECURE'
        ? capacity.type.secureSpotPrice
        : capacity.type.communitySpotPrice
      : cloud === 'SECURE'
        ? capacity.type.securePrice
        : capacity.type.communityPrice;
    const bid = typeof input.bidPerGpu === 'number' ? input.bidPerGpu : 0;
    if (listed === null || (interruptible && bid < listed)) continue;
    const pod = context.store.create({
      name: typeof input.name === 'string' ? input.name : '',
      image: input.imageName,
      env: Object.fromEntries(((input.env ?? []) as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
      ports: typeof input.ports === 'string' && input.ports !== '' ? input.ports.split(',') : [],
      gpuTypeId: input.gpuTypeId,
      gpuCount,
      cloud,
      dataCenterId,
      interruptible,
      pricePerGpu: interruptible ? bid : listed,
      diskGb: typeof input.containerDiskInGb === 'number' ? input.containerDiskInGb : 20,
    });
    return graphqlPodView(context.store, pod);
  }
  throw new FieldError(noCapacity);
}
