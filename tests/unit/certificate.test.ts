import { X509Certificate } from "node:crypto";
import { pluginCertificate } from "../../provider/fronts/terraform/certificate";

/** The AutoMTLS certificate the Terraform provider makes at every start, as go-plugin's client checks it. */
test("it is a CA for localhost, self-signed, valid now, usable for server and client auth", () => {
  const cert = new X509Certificate(pluginCertificate().der);
  expect(cert.ca).toBe(true);
  expect(cert.subjectAltName).toBe("DNS:localhost");
  expect(cert.checkHost("localhost")).toBe("localhost");
  expect(cert.verify(cert.publicKey)).toBe(true);
  expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(Date.now());
  expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 86_400_000);
  expect(cert.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]));
});

test("every one parses: its random serial never needs DER padding (one in 256 did, and OpenSSL refused it)", () => {
  for (let i = 0; i < 1500; i++) {
    const der = pluginCertificate().der;
    expect(() => new X509Certificate(der)).not.toThrow();
  }
});
