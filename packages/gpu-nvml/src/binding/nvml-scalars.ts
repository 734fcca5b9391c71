import type { OptionalFunction, RequiredFunction } from './nvml-library.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';

/**
 * Calls `fn(device, uint32 *out)` and returns the value, or `undefined` when the function is
 * missing, unsupported on this device, or failed without the device being gone.
 */
export function readU32(session: NvmlSession, name: OptionalFunction, index: number, handle: bigint): number | undefined {
  const fn = session.functions[name];
  if (!fn || !session.supports(index, name)) return undefined;
  const out = session.scratch.first;
  return session.accept(returnCodeOf(fn(handle, out)), name, index) ? out[0] : undefined;
}

/** Like `readU32` for `fn(device, uint32 argument, uint32 *out)`, e.g. a clock or threshold type. */
export function readU32With(
  session: NvmlSession,
  name: OptionalFunction,
  index: number,
  handle: bigint,
  argument: number,
): number | undefined {
  const fn = session.functions[name];
  if (!fn || !session.supports(index, name)) return undefined;
  const out = session.scratch.first;
  return session.accept(returnCodeOf(fn(handle, argument, out)), name, index) ? out[0] : undefined;
}

/** NVML's buffer size for names, UUIDs and version strings (`*_V2_BUFFER_SIZE`, 96; driver version 80). */
export const TEXT_BUFFER_SIZE = 96;

/** Calls `fn(device, char *out, length)`; throws when `required` and the call fails. */
export function readDeviceText(
  session: NvmlSession,
  name: RequiredFunction,
  index: number,
  handle: bigint,
  required: boolean,
): string | undefined {
  const code = returnCodeOf(session.functions[name](handle, session.scratch.text, TEXT_BUFFER_SIZE));
  return session.accept(code, name, index, required) ? session.scratch.readText() : undefined;
}
