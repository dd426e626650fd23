/**
 * The stored vector: one format-version byte, 3 bytes of padding, the label (uint32 LE), then
 * the components as little-endian Float32, so the vector is 4-byte aligned and decodes
 * without per-component parsing on little-endian machines.
 */
import { describe, StorageError } from "@mnemo/core";

const VERSION = 1;
const HEADER = 8;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface StoredItem {
  readonly label: number;
  readonly vector: Float32Array;
}

export function encodeItem(label: number, vector: Float32Array): Uint8Array {
  const out = new Uint8Array(HEADER + vector.byteLength);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  view.setUint32(4, label, true);
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), HEADER);
  } else {
    for (let i = 0; i < vector.length; i++) view.setFloat32(HEADER + 4 * i, vector[i]!, true);
  }
  return out;
}

export function decodeItem(bytes: Uint8Array, dimension: number, key: string): StoredItem {
  if (bytes[0] !== VERSION || bytes.byteLength !== HEADER + 4 * dimension) {
    throw new StorageError(
      "CORRUPTED",
      `vector record ${describe(key)} has version ${bytes[0] ?? "none"} and ${bytes.byteLength} bytes; expected version ${VERSION} and ${HEADER + 4 * dimension}`,
      { details: { key } },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const label = view.getUint32(4, true);
  let vector: Float32Array;
  if (LITTLE_ENDIAN) {
    // Copy: the backend's buffer may be shared or unaligned.
    vector = new Float32Array(bytes.slice(HEADER).buffer);
  } else {
    vector = new Float32Array(dimension);
    for (let i = 0; i < dimension; i++) vector[i] = view.getFloat32(HEADER + 4 * i, true);
  }
  return { label, vector };
}
