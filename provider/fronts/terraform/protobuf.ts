/**
 * Protocol Buffers' wire format for the messages in protocol.ts, and nothing more: varints, 64-bit and
 * 32-bit fixed values, length-delimited strings, bytes, messages and map entries. Loading protobufjs
 * and building its reflection from a descriptor took about 75 ms of each provider start (measured:
 * 40 ms to load, 37 ms for the descriptor), and tofu starts the provider 2 to 5 times per command.
 * Decoded messages carry every field, set to its proto3 default when absent (as proto-loader's
 * `defaults: true` does); unknown fields are skipped, so newer clients' additions are harmless.
 */
export interface FieldSpec {
  type: string;
  id: number;
  rule?: string;
  keyType?: string;
}
export interface Namespace {
  nested?: Record<string, Namespace>;
  fields?: Record<string, FieldSpec>;
  values?: Record<string, number>;
  methods?: Record<
    string,
    { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }
  >;
  oneofs?: Record<string, unknown>;
}

type Message = Record<string, unknown>;
const SCALARS = new Set(["string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "double"]);

/** Resolves type names as protobuf does: in the scope where they are used, then outward. */
export class Registry {
  private readonly resolved = new Map<string, string>();
  constructor(private readonly root: Namespace) {}

  /** The namespace at a dotted path from the root, e.g. "tfplugin6.Schema.Block". */
  at(path: string): Namespace {
    let node = this.root;
    for (const part of path.split(".")) {
      const next = node.nested?.[part];
      if (!next) throw new Error(`protobuf: no ${path}`);
      node = next;
    }
    return node;
  }

  /** The full path of type `name` used inside `scope`; enums resolve to "enum". */
  resolve(name: string, scope: string): string {
    if (SCALARS.has(name)) return name;
    const key = `${scope}\u0000${name}`;
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const found = this.lookup(name, scope);
    this.resolved.set(key, found);
    return found;
  }

  private readonly services = new Map<string, Record<string, unknown>>();

  /**
   * A service's methods as a grpc-js-shaped server takes them: paths and this registry's (de)serializers,
   * made once per service. An answer that is a frozen object is encoded once and its bytes served again
   * (the provider schema: a few ms of every provider process's first call otherwise).
   */
  service(path: string): Record<string, unknown> {
    let made = this.services.get(path);
    if (!made) this.services.set(path, (made = this.makeService(path)));
    return made;
  }

  private makeService(path: string): Record<string, unknown> {
    const scope = path.slice(0, path.lastIndexOf("."));
    return Object.fromEntries(
      Object.entries(this.at(path).methods ?? {}).map(([name, m]) => {
        const request = this.resolve(m.requestType, scope);
        const response = this.resolve(m.responseType, scope);
        return [
          name,
          {
            path: `/${path}/${name}`,
            originalName: name,
            requestStream: m.requestStream ?? false,
            responseStream: m.responseStream ?? false,
            requestSerialize: (v: Message) => this.encode(request, v),
            requestDeserialize: (b: Buffer) => this.decode(request, b),
            responseSerialize: (v: Message) => this.encodeAnswer(response, v),
            responseDeserialize: (b: Buffer) => this.decode(response, b),
          },
        ];
      }),
    );
  }

  private lookup(name: string, scope: string): string {
    const parts = scope.split(".");
    for (let i = parts.length; i >= 0; i--) {
      const candidate = [...parts.slice(0, i), name].join(".");
      try {
        const found = this.at(candidate);
        return found.values ? "enum" : candidate;
      } catch {
        // look further out
      }
    }
    throw new Error(`protobuf: cannot resolve ${name} in ${scope}`);
  }

  private readonly frozenAnswers = new WeakMap<Message, Buffer>();

  private encodeAnswer(path: string, message: Message): Buffer {
    if (!Object.isFrozen(message)) return this.encode(path, message);
    let bytes = this.frozenAnswers.get(message);
    if (!bytes) this.frozenAnswers.set(message, (bytes = this.encode(path, message)));
    return bytes;
  }

  encode(path: string, message: Message | null | undefined): Buffer {
    const writer = new Writer();
    this.write(writer, path, message ?? {});
    return writer.finish();
  }

  decode(path: string, bytes: Uint8Array): Message {
    return this.read(new Reader(bytes), path, bytes.length);
  }

  private write(w: Writer, path: string, message: Message): void {
    for (const [name, field] of Object.entries(this.at(path).fields ?? {})) {
      const value = message[name];
      if (value === undefined || value === null) continue;
      const type = this.resolve(field.type, path);
      if (field.keyType) {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const entry = new Writer();
          writeValue(this, entry, 1, field.keyType, k);
          writeValue(this, entry, 2, type, v);
          w.tag(field.id, 2).bytes(entry.finish());
        }
      } else if (field.rule === "repeated") {
        for (const item of value as unknown[]) writeValue(this, w, field.id, type, item);
      } else if (!isDefault(type, value)) {
        writeValue(this, w, field.id, type, value);
      }
    }
  }

  private read(r: Reader, path: string, end: number): Message {
    const fields = Object.entries(this.at(path).fields ?? {});
    const byId = new Map(
      fields.map(([name, f]) => [f.id, { name, field: f, type: this.resolve(f.type, path) }]),
    );
    const out: Message = {};
    for (const [name, f] of fields) {
      const type = this.resolve(f.type, path);
      out[name] = f.keyType ? {} : f.rule === "repeated" ? [] : defaultOf(type);
    }
    while (r.pos < end) {
      const tag = r.varint();
      const id = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      const known = byId.get(id);
      if (!known) {
        r.skip(wire);
        continue;
      }
      const { name, field, type } = known;
      if (field.keyType) {
        const length = Number(r.varint());
        const stop = r.pos + length;
        let key: unknown = "";
        let value: unknown = defaultOf(type);
        while (r.pos < stop) {
          const entryTag = r.varint();
          const entryId = Number(entryTag >> 3n);
          if (entryId === 1) key = readValue(this, r, field.keyType);
          else if (entryId === 2) value = readValue(this, r, type);
          else r.skip(Number(entryTag & 7n));
        }
        (out[name] as Message)[String(key)] = value;
      } else if (field.rule === "repeated") {
        (out[name] as unknown[]).push(readValue(this, r, type));
      } else {
        out[name] = readValue(this, r, type);
      }
    }
    return out;
  }

  /** For readValue and writeValue: nested messages. */
  readMessage(r: Reader, path: string): Message {
    const length = Number(r.varint());
    return this.read(r, path, r.pos + length);
  }
  writeMessage(path: string, value: Message): Buffer {
    const nested = new Writer();
    this.write(nested, path, value);
    return nested.finish();
  }
}

function defaultOf(type: string): unknown {
  switch (type) {
    case "string":
      return "";
    case "bytes":
      return Buffer.alloc(0);
    case "bool":
      return false;
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
    case "double":
    case "enum":
      return 0;
    default:
      return null;
  }
}

function isDefault(type: string, value: unknown): boolean {
  if (type === "bytes") return (value as Uint8Array).length === 0;
  return SCALARS.has(type) || type === "enum" ? value === defaultOf(type) : false;
}

function writeValue(registry: Registry, w: Writer, id: number, type: string, value: unknown): void {
  switch (type) {
    case "string":
      w.tag(id, 2).bytes(Buffer.from(String(value), "utf8"));
      return;
    case "bytes":
      w.tag(id, 2).bytes(value as Uint8Array);
      return;
    case "bool":
      w.tag(id, 0).varint(value ? 1n : 0n);
      return;
    case "double": {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(Number(value));
      w.tag(id, 1).raw(b);
      return;
    }
    case "int32":
    case "int64":
    case "uint32":
    case "uint64":
    case "enum":
      // Negative values are ten-byte two's complement varints.
      w.tag(id, 0).varint(BigInt.asUintN(64, BigInt(Math.trunc(Number(value)))));
      return;
    default:
      w.tag(id, 2).bytes(registry.writeMessage(type, value as Message));
  }
}

function readValue(registry: Registry, r: Reader, type: string): unknown {
  switch (type) {
    case "string":
      return Buffer.from(r.bytes()).toString("utf8");
    case "bytes":
      return Buffer.from(r.bytes());
    case "bool":
      return r.varint() !== 0n;
    case "double":
      return r.fixed(8).readDoubleLE(0);
    case "int32":
    case "int64":
    case "enum":
      return Number(BigInt.asIntN(64, r.varint()));
    case "uint32":
    case "uint64":
      return Number(r.varint());
    default:
      return registry.readMessage(r, type);
  }
}

class Writer {
  private readonly chunks: Buffer[] = [];
  tag(id: number, wire: number): this {
    return this.varint((BigInt(id) << 3n) | BigInt(wire));
  }
  varint(value: bigint): this {
    const bytes: number[] = [];
    let v = value;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.chunks.push(Buffer.from(bytes));
    return this;
  }
  bytes(data: Uint8Array): this {
    this.varint(BigInt(data.length));
    this.chunks.push(Buffer.from(data));
    return this;
  }
  raw(data: Buffer): this {
    this.chunks.push(data);
    return this;
  }
  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error("protobuf: truncated varint");
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Uint8Array {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  fixed(n: number): Buffer {
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
}
