import type * as Msgpack from "@msgpack/msgpack";

/**
 * @msgpack/msgpack, loaded at the first value: its module makes an Error when it is evaluated, and V8's
 * start-up snapshot builder aborts on an Error whose stack has not been formatted yet. The standalone's
 * snapshot loads it on purpose, then settles that Error (settleCodecForSnapshot).
 */
let loaded: typeof Msgpack | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const msgpack = () => (loaded ??= require("@msgpack/msgpack") as typeof Msgpack);
/**
 * One encoder and one decoder for the process: msgpack's encode() and decode() make a new one per value
 * (a fresh buffer and key cache each time, for every attribute of thousands of calls in an apply). Both
 * are synchronous and the decoder copes with re-entry, so sharing them is safe.
 */
let codec: { encoder: Msgpack.Encoder; decoder: Msgpack.Decoder } | undefined;
const shared = () => (codec ??= { encoder: new (msgpack().Encoder)(), decoder: new (msgpack().Decoder)() });

/**
 * For the standalone's start-up snapshot (warmUp.ts): loads the codec and formats the stack of the one
 * Error msgpack's decoder makes when its module is evaluated (thrown for a value cut short), which V8's
 * snapshot builder cannot serialize unformatted ("vector::_M_range_insert", then an abort).
 */
export function settleCodecForSnapshot(): void {
  try {
    shared().decoder.decode(Uint8Array.of(0xa5, 0x61)); // a 5-byte string holding 1 byte
  } catch (err) {
    void (err as Error).stack;
  }
}

/**
 * Terraform's values as they cross the wire (go-cty's msgpack encoding), shaped by their type: the
 * subset of cty types this provider's schemas use. go-cty is strict: an object must carry every
 * attribute of its type (a missing one is an error, not a null), so every value is shaped to its type
 * on the way out, and on the way in too (older states may lack attributes added since).
 */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | readonly ["list", CtyType]
  | readonly ["map", CtyType]
  | readonly ["object", Readonly<Record<string, CtyType>>];

/** A value not known until apply. On the wire any msgpack extension (type 0, or 12 when refined). */
export const UNKNOWN_VALUE: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN_VALUE;

export type TfValue = string | number | boolean | null | Unknown | TfValue[] | { [name: string]: TfValue };
export type TfObject = { [name: string]: TfValue };

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN_VALUE;

/** Reshapes a decoded value to `type`: missing attributes become null, numbers sent as text become numbers. */
export function shape(type: CtyType, value: unknown): TfValue {
  if (value === undefined || value === null) return null;
  if (isUnknown(value) || value instanceof msgpack().ExtData) return UNKNOWN_VALUE;
  if (type === "string") return String(value);
  if (type === "number") return typeof value === "number" ? value : Number(value);
  if (type === "bool") return Boolean(value);
  const [kind, inner] = type;
  if (kind === "list") return Array.isArray(value) ? value.map((v) => shape(inner, v)) : null;
  const record = value as Record<string, unknown>;
  const shaped: { [name: string]: TfValue } = {};
  if (kind === "map") {
    for (const key of Object.keys(record)) shaped[key] = shape(inner, record[key]);
  } else {
    for (const name of Object.keys(inner)) shaped[name] = shape(inner[name]!, record[name]);
  }
  return shaped;
}

/** For the wire: unknowns as extension 0, everything else as msgpack shapes it. */
function wire(value: TfValue): unknown {
  if (isUnknown(value)) return new (msgpack().ExtData)(0, new Uint8Array([0]));
  if (Array.isArray(value)) return value.map(wire);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
  }
  return value;
}

export function encodeValue(type: CtyType, value: unknown): Buffer {
  const bytes = shared().encoder.encode(wire(shape(type, value)));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A DynamicValue as tofu sends it: msgpack always; JSON where a state is upgraded. */
export function decodeValue(
  type: CtyType,
  dynamic: { msgpack?: Uint8Array; json?: Uint8Array } | null | undefined,
): TfValue {
  if (dynamic?.msgpack && dynamic.msgpack.length > 0)
    return shape(type, shared().decoder.decode(dynamic.msgpack));
  if (dynamic?.json && dynamic.json.length > 0)
    return shape(type, JSON.parse(Buffer.from(dynamic.json).toString("utf8")));
  return null;
}

/** The JSON bytes of a cty type, as a schema attribute's `type` field carries it. */
export const typeJson = (type: CtyType): Buffer => Buffer.from(JSON.stringify(type));
