/** A normalized commit as the parameters of the commit function (see commit-function.ts). */
import { type NormalizedCommit, parseVersion } from "@mnemo/core";
import { binaryByteaArray, binaryTextArray } from "./binary-arrays.js";

const MAX_INT8 = 2n ** 63n - 1n;
/** No row holds a negative version, so a check expecting it always fails. */
const NEVER = "-1";

/** A version string as the bigint a row holds, or `NEVER` for a string no row can hold. */
function storedVersion(version: string): string {
  const number = parseVersion(version);
  return number === undefined || number > MAX_INT8 ? NEVER : number.toString();
}

/**
 * The puts, deletes and sums go as binary arrays (`binary-arrays.ts`): in node-postgres's text
 * form a batch's values are spelled in hex and every key escaped, twice the bytes built and
 * parsed again by the server. The checks (few, with nulls) and the deltas stay text.
 */
export function commitParams(tenant: string, commit: NormalizedCommit): unknown[] {
  const checkKeys: string[] = [];
  const byValue: boolean[] = [];
  const versions: (string | null)[] = [];
  const values: (Uint8Array | null)[] = [];
  for (const check of commit.checks) {
    checkKeys.push(check.key);
    if (check.kind === "version") {
      byValue.push(false);
      versions.push(check.version === null ? null : storedVersion(check.version));
      values.push(null);
    } else {
      byValue.push(true);
      versions.push(null);
      values.push(check.value ?? null);
    }
  }
  const putKeys: string[] = [];
  const putValues: Uint8Array[] = [];
  const delKeys: string[] = [];
  const sumKeys: string[] = [];
  const sumDeltas: string[] = [];
  for (const mutation of commit.mutations) {
    if (mutation.type === "put") {
      putKeys.push(mutation.key);
      putValues.push(mutation.value);
    } else if (mutation.type === "del") delKeys.push(mutation.key);
    else {
      sumKeys.push(mutation.key);
      sumDeltas.push(mutation.delta.toString());
    }
  }
  return [
    tenant,
    checkKeys,
    byValue,
    versions,
    values,
    binaryTextArray(putKeys),
    binaryByteaArray(putValues),
    binaryTextArray(delKeys),
    binaryTextArray(sumKeys),
    sumDeltas,
  ];
}
