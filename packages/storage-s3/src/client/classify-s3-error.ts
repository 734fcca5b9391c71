import { StorageError, type StorageErrorKind } from '../storage-error.js';

/** Where a failed call went, for the message. */
export interface S3CallContext {
  readonly bucket: string;
  readonly operation: string;
  /** The endpoint URL, or `AWS S3 (<region>)`. */
  readonly target: string;
  /** Removes every secret from text meant for a message. */
  readonly redact: (text: string) => string;
}

/** The fields an AWS SDK or Node network error may carry. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly Code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly attempts?: unknown };
}

const authCodes = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);
const throttlingCodes = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const transientCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'TimeoutError',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
]);

/**
 * The code that names a failure best: S3's error code, else the Node error code, else the error's
 * name, else the HTTP status (S3 answers HEAD requests without a body, so without a code).
 */
function codeOf(error: SdkErrorShape, status: number | undefined): string {
  for (const candidate of [error.Code, error.code, error.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error' && candidate !== 'Unknown') return candidate;
  }
  return status === undefined ? 'Unknown' : `HTTP ${status}`;
}

function kindOf(code: string, status: number | undefined): StorageErrorKind {
  if (code === 'NoSuchBucket') return 'bucket-not-found';
  if (authCodes.has(code) || status === 401 || status === 403) return 'auth';
  if (throttlingCodes.has(code) || status === 429) return 'rate-limit';
  if (unreachableCodes.has(code)) return 'unavailable';
  if (transientCodes.has(code) || (status !== undefined && status >= 500)) return 'transient';
  if (status !== undefined && status >= 400) return 'invalid-request';
  return 'unknown';
}

function messageOf(kind: StorageErrorKind, code: string, attempts: number, detail: string, context: Omit<S3CallContext, 'redact'>): string {
  const { bucket, operation, target } = context;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  switch (kind) {
    case 'bucket-not-found':
      return `Bucket "${bucket}" does not exist at ${target}. Create it, or set \`bucket\` to an existing bucket.`;
    case 'auth':
      return code === 'CredentialsProviderError'
        ? `No AWS credentials found for bucket "${bucket}": set \`credentials\`, or configure the AWS credential chain (AWS_ACCESS_KEY_ID, a profile, an instance role).`
        : `${target} refused the credentials (${code}) for ${operation} on bucket "${bucket}". Check accessKeyId and secretAccessKey (or the AWS credential chain), that a session token has not expired, and that the key's policy allows ${operation} on this bucket.`;
    case 'rate-limit':
      return `${target} kept throttling ${operation} on bucket "${bucket}" (${code})${tries}. Retry later, lower \`queueSize\` or the request rate, or raise \`maxAttempts\`.`;
    case 'unavailable':
      return `Cannot reach ${target} (${code}) for ${operation} on bucket "${bucket}"${tries}. Check \`endpoint\` and \`region\`, the network, and that the server is running.`;
    case 'transient':
      return `${operation} on bucket "${bucket}" at ${target} failed (${code}${detail})${tries}. Retry later; raise \`requestTimeoutMs\` if the link is slow.`;
    case 'invalid-request':
      return `${target} refused ${operation} on bucket "${bucket}" (${code}${detail}). Check the options and the key.`;
    default:
      return `${operation} on bucket "${bucket}" at ${target} failed (${code}${detail}).`;
  }
}

/**
 * Turns an AWS SDK or network error into a `StorageError`. The original is not kept as `cause`:
 * SDK errors hold the raw HTTP exchange, whose request headers can carry a session token. The
 * cause is a plain error with the original's name, code and redacted message.
 */
export function classifyS3Error(error: unknown, context: S3CallContext): StorageError {
  if (StorageError.isInstance(error)) return error;
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const statusValue = shape.$metadata?.httpStatusCode;
  const status = typeof statusValue === 'number' ? statusValue : undefined;
  const attemptsValue = shape.$metadata?.attempts;
  const attempts = typeof attemptsValue === 'number' ? attemptsValue : 1;
  const code = context.redact(codeOf(shape, status));
  const kind = kindOf(code, status);
  const original = context.redact(typeof shape.message === 'string' ? shape.message : '');
  const detail = original === '' || original === code || original === 'UnknownError' ? '' : `: ${original}`;
  const cause = Object.assign(new Error(original), {
    name: typeof shape.name === 'string' ? context.redact(shape.name) : 'Error',
    code,
    status,
  });
  return new StorageError(kind, messageOf(kind, code, attempts, detail, context), {
    cause,
    bucket: context.bucket,
    operation: context.operation,
    ...(status !== undefined && { status }),
    storeCode: code,
  });
}

/** The error of a bucket found missing by `HeadBucket` (S3 answers HEAD requests without a code). */
export function bucketNotFoundError(context: Omit<S3CallContext, 'redact'>): StorageError {
  return new StorageError('bucket-not-found', messageOf('bucket-not-found', 'NoSuchBucket', 1, '', context), {
    bucket: context.bucket,
    operation: context.operation,
    status: 404,
    storeCode: 'NoSuchBucket',
  });
}
