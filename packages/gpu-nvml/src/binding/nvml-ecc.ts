import { NvmlReturn } from './nvml-return-codes.js';
import { readU32 } from './nvml-scalars.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';
import { u64At } from './scratch.js';

/** ECC error counters and retired memory pages of one device; absent fields are unsupported or not available. */
export interface NvmlEccCounters {
  /** Corrected (single-bit) errors since the driver loaded. */
  readonly correctedVolatile?: number;
  /** Uncorrected (double-bit) errors since the driver loaded. */
  readonly uncorrectedVolatile?: number;
  /** Pages retired for repeated single-bit errors. */
  readonly retiredPagesSingleBit?: number;
  /** Pages retired for a double-bit error. */
  readonly retiredPagesDoubleBit?: number;
  /** Pages wait to be retired at the next reset. */
  readonly retiredPagesPending?: boolean;
}

const ERROR_CORRECTED = 0;
const ERROR_UNCORRECTED = 1;
const COUNTER_VOLATILE = 0;
const CAUSE_SINGLE_BIT = 0;
const CAUSE_DOUBLE_BIT = 1;

function readEccCount(session: NvmlSession, index: number, handle: bigint, errorType: number): number | undefined {
  const fn = session.functions.getTotalEccErrors;
  if (!fn || !session.supports(index, 'getTotalEccErrors')) return undefined;
  const { wide, wideWords } = session.scratch;
  if (!session.accept(returnCodeOf(fn(handle, errorType, COUNTER_VOLATILE, wide)), 'getTotalEccErrors', index)) return undefined;
  return u64At(wideWords, 0);
}

/** Page count only (`pageCount = 0`, no address buffer): SUCCESS or INSUFFICIENT_SIZE both report it. */
function readRetiredPageCount(session: NvmlSession, index: number, handle: bigint, cause: number): number | undefined {
  const fn = session.functions.getRetiredPages;
  if (!fn || !session.supports(index, 'getRetiredPages')) return undefined;
  const { first } = session.scratch;
  first[0] = 0;
  const code = returnCodeOf(fn(handle, cause, first, null));
  if (code === NvmlReturn.insufficientSize || session.accept(code, 'getRetiredPages', index)) return first[0];
  return undefined;
}

/** Reads the ECC counters; `undefined` when the device reports none of them (ECC off or unsupported). */
export function readEccCounters(session: NvmlSession, index: number, handle: bigint): NvmlEccCounters | undefined {
  const pending = readU32(session, 'getRetiredPagesPending', index, handle);
  const counters: NvmlEccCounters = {
    correctedVolatile: readEccCount(session, index, handle, ERROR_CORRECTED),
    uncorrectedVolatile: readEccCount(session, index, handle, ERROR_UNCORRECTED),
    retiredPagesSingleBit: readRetiredPageCount(session, index, handle, CAUSE_SINGLE_BIT),
    retiredPagesDoubleBit: readRetiredPageCount(session, index, handle, CAUSE_DOUBLE_BIT),
    retiredPagesPending: pending === undefined ? undefined : pending === 1,
  };
  return Object.values(counters).some((value) => value !== undefined) ? counters : undefined;
}
