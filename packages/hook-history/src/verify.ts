/** `verify()`: walks the chain from the retention anchor to the head. */
import type { StorageBackend } from "@mnemo/core";
import { hashRecord, headCodec, readAnchor, recordCodec } from "./chain.js";
import { HEAD_KEY, RECORD_PREFIX, recordKey, seqOfRecordKey } from "./keys.js";
import type { HookRecord, TamperReason, VerifyResult } from "./types.js";

/** The record's hash, or undefined when the stored value is not a record that can be hashed. */
function hashOf(record: HookRecord): string | undefined {
  try {
    return hashRecord(record);
  } catch {
    return undefined;
  }
}

export async function verifyChain(store: StorageBackend): Promise<VerifyResult> {
  const { point: anchor } = await readAnchor(store);
  const headBytes = await store.get(HEAD_KEY);
  const head = headBytes === undefined ? undefined : headCodec.decode(headBytes, HEAD_KEY);
  const headSeq = head?.seq ?? anchor.seq;
  let expected = anchor.seq + 1;
  let previous = anchor.hash;
  let checked = 0;
  let previousId: string | undefined;
  const bad = (
    firstBadSeq: number,
    reason: TamperReason,
    message: string,
    id?: string,
  ): VerifyResult => ({
    ok: false,
    checked,
    firstBadSeq,
    reason,
    message,
    ...(typeof id === "string" ? { id } : {}),
  });
  const check = (seq: number, record: HookRecord | undefined): VerifyResult | undefined => {
    if (record === undefined || typeof record !== "object" || record === null) {
      return bad(seq, "changed", `record ${seq} is not a hook record`);
    }
    if (record.seq !== seq) {
      return bad(seq, "reordered", `position ${seq} holds record ${record.seq}`, record.id);
    }
    if (hashOf(record) !== record.hash) {
      return bad(seq, "changed", `record ${seq} does not match its hash`, record.id);
    }
    if (record.prevHash !== previous) {
      // Record `seq` committed to another hash of its predecessor: the predecessor was
      // rewritten with a fresh hash (or `seq` was replaced). Name the predecessor when it is
      // still stored, since a plain edit-and-rehash is the likelier attack.
      const blamed = seq - 1 > anchor.seq ? seq - 1 : seq;
      return bad(
        blamed,
        "unlinked",
        `record ${seq} does not link to record ${seq - 1}: one of them was rewritten`,
        blamed === seq ? record.id : previousId,
      );
    }
    previousId = record.id;
    previous = record.hash;
    expected = seq + 1;
    checked++;
    return undefined;
  };
  for await (const [key, value] of store.scan({
    prefix: RECORD_PREFIX,
    gt: recordKey(anchor.seq),
    lte: recordKey(headSeq),
  })) {
    const seq = seqOfRecordKey(key);
    if (seq !== expected) return bad(expected, "removed", `record ${expected} is missing`);
    let record: HookRecord | undefined;
    try {
      record = recordCodec.decode(value, key);
    } catch {
      record = undefined;
    }
    const failure = check(seq, record);
    if (failure !== undefined) return failure;
  }
  if (head?.record !== undefined && expected === head.seq) {
    // A 0.1 head whose writer stopped before writing its record: the head carries it.
    const failure = check(head.seq, head.record);
    if (failure !== undefined) return failure;
  }
  if (expected <= headSeq) return bad(expected, "removed", `record ${expected} is missing`);
  if (head !== undefined && head.hash !== previous) {
    return bad(head.seq, "changed", `the head does not match record ${head.seq}`);
  }
  return { ok: true, checked, headSeq, headHash: previous };
}
