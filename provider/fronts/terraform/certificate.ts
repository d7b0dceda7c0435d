import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * The self-signed certificate go-plugin's AutoMTLS expects of a plugin: the client pins it as its only
 * root and checks the server name "localhost", so it must be a CA (basicConstraints), carry the SAN
 * DNS:localhost and allow both server and client auth. Node's crypto signs but cannot issue
 * certificates, so the DER is written here (ECDSA P-256 with SHA-256, about 10 ms); a library that
 * can (node-forge) would cost more start time than it saves code, and tofu starts the provider 2 to 5
 * times per command.
 */
export interface PluginCertificate {
  /** PEM, for the TLS server. */
  certPem: string;
  keyPem: string;
  /** DER, for the handshake line (base64 without padding). */
  der: Buffer;
}

const tlv = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const value of rest) {
    const chunk = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
const utcTime = (date: Date) =>
  tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`, "ascii"));
/**
 * A serial number: DER wants the shortest two's-complement form, so a leading zero byte (before a byte
 * below 0x80) is "illegal padding" that OpenSSL refuses, one random serial in 256. The first byte is kept
 * between 0x40 and 0x7f: positive, never zero, never padded.
 */
const serialNumber = (bytes: Buffer) => {
  const serial = Buffer.from(bytes);
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  return tlv(0x02, serial);
};
const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));

const ECDSA_WITH_SHA256 = seq(oid("1.2.840.10045.4.3.2"));
const NAME = seq(
  set(seq(oid("2.5.4.10"), utf8("pulumi-venice"))),
  set(seq(oid("2.5.4.3"), utf8("localhost"))),
);

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export function pluginCertificate(now: Date = new Date()): PluginCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const tbs = certificateBody(publicKey, now);
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const der = seq(tbs, ECDSA_WITH_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    der,
    certPem: pem("CERTIFICATE", der),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function certificateBody(publicKey: KeyObject, now: Date): Buffer {
  const notBefore = new Date(now.getTime() - 30_000); // the client's clock may be a little behind
  const notAfter = new Date(now.getTime() + 30 * 86_400_000);
  const extensions = seq(
    extension("2.5.29.19", true, seq(tlv(0x01, Buffer.from([0xff])))), // basicConstraints: CA
    // keyUsage: digitalSignature, keyEncipherment, keyCertSign (bits 0, 2, 5; 2 unused bits)
    extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x02, 0xa4]))),
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // server+client auth
    extension("2.5.29.17", false, seq(tlv(0x82, Buffer.from("localhost", "ascii")))), // SAN DNS:localhost
  );
  return seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
    serialNumber(randomBytes(16)),
    ECDSA_WITH_SHA256,
    NAME,
    seq(utcTime(notBefore), utcTime(notAfter)),
    NAME,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, extensions),
  );
}
