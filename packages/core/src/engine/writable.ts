/**
 * `T` with its fields writable, for building a read-only object field by field: V8 builds
 * `{ a, ...(x && { b: x }) }` on a slow path of about 1–2 µs, so hot code sets optional fields
 * one by one instead.
 */
export type Writable<T> = { -readonly [Field in keyof T]: T[Field] };
