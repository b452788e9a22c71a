// Growing typed arrays: indexing fills flat arrays whose final size it learns only as it goes.

export type GrowableArray = Int32Array | Uint16Array | Uint8Array | Float64Array;

/** A copy of `array` with room for at least `needed` elements, and at least twice the old room. */
export function grown<T extends GrowableArray>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}
