/**
 * During preview, inputs computed by other resources reach check and diff as this sentinel string, even
 * where a number or object is expected (`rpc.unknownValue` in @pulumi/pulumi).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
