import { inflateRawSync } from "node:zlib";

/** The one file of a zip as `npm run release` writes it (one entry, deflated): its name and contents. */
export function unzipOnly(zip: Buffer): { name: string; data: Buffer } {
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  const size = zip.readUInt32LE(18);
  const start = 30 + nameLength + extraLength;
  return {
    name: zip.toString("utf8", 30, 30 + nameLength),
    data: inflateRawSync(zip.subarray(start, start + size)),
  };
}
