/**
 * How an instance carries who it belongs to. Vast has no idempotency key and no tags, only a
 * label of up to 256 characters, so the label holds our label, the launch key and the offer id:
 * `<label>:<key>:<offerId>`, each part percent-encoded so that `:` only ever separates parts.
 */
export interface InstanceIdentity {
  readonly label: string;
  readonly key: string;
  readonly offerId: string;
}

/** Vast's label limit (reference A6). */
export const maxVastLabelLength = 256;

export function encodeInstanceLabel(identity: InstanceIdentity): string {
  return [identity.label, identity.key, identity.offerId].map(encodeURIComponent).join(':');
}

/** The identity in a Vast label, or `undefined` when the label is not one of ours. */
export function decodeInstanceLabel(vastLabel: string | null | undefined): InstanceIdentity | undefined {
  const parts = vastLabel?.split(':');
  if (parts?.length !== 3) return undefined;
  try {
    const [label, key, offerId] = parts.map(decodeURIComponent) as [string, string, string];
    // Our offer ids are Vast ask ids (with `-bid` for bids): a hand-made "a:b:c" label is not ours.
    return label !== '' && key !== '' && /^\d+(-bid)?$/.test(offerId) ? { label, key, offerId } : undefined;
  } catch {
    return undefined;
  }
}
