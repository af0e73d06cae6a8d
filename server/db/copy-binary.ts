// PostgreSQL's binary COPY format, written straight into one growing Buffer: a value goes in as its bytes (a double as
// eight, a timestamp as its microseconds), with no text to build, escape and encode per value, and none for the
// server to parse back (the CSV import's COPY text was its largest single cost in Node: ADR 022 addendum).
// Format: https://www.postgresql.org/docs/current/sql-copy.html#SQL-COPY-BINARY-FORMAT

/** The file header: signature, flags (no OIDs), header extension length 0. */
export const COPY_BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0])
/** The file trailer: a field count of -1. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff])

/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1)
const TWO_32 = 2 ** 32

export class BinaryCopyWriter {
  private buffer: Buffer
  size = 0

  constructor(capacity = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(capacity, COPY_BINARY_HEADER.length))
    this.bytes(COPY_BINARY_HEADER)
  }

  private room(bytes: number) {
    if (this.size + bytes <= this.buffer.length) return
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.size + bytes))
    this.buffer.copy(bigger, 0, 0, this.size)
    this.buffer = bigger
  }

  private bytes(data: Buffer) {
    this.room(data.length)
    data.copy(this.buffer, this.size)
    this.size += data.length
  }

  /** A row's start: its number of fields. */
  row(fields: number) {
    this.room(2)
    this.size = this.buffer.writeInt16BE(fields, this.size)
  }

  /** An empty value: no fixed-size type's receive function accepts it. */
  private refusedValue() {
    this.room(4)
    this.size = this.buffer.writeInt32BE(0, this.size)
  }

  null() {
    this.room(4)
    this.size = this.buffer.writeInt32BE(-1, this.size)
  }

  /**
   * A string's UTF-8 bytes at `at` (room made for 3 bytes a UTF-16 unit), returning their length. ASCII is copied
   * code by code: for the short values of a ticket row that is about twice as fast as Buffer.write's call into C++
   * (the COPY's text fields were a tenth of the import's per-row CPU); any other string goes through Buffer.write.
   */
  private utf8(value: string, at: number): number {
    const buffer = this.buffer
    const n = value.length
    if (n <= 64) {
      let i = 0
      for (; i < n; i++) {
        const c = value.charCodeAt(i)
        if (c > 0x7f) break
        buffer[at + i] = c
      }
      if (i === n) return n
    }
    return buffer.write(value, at)
  }

  /** text, varchar or an enum's label: UTF-8 bytes. */
  text(value: string | null | undefined) {
    if (value === null || value === undefined) return this.null()
    this.room(4 + value.length * 3)
    const length = this.utf8(value, this.size + 4)
    this.buffer.writeInt32BE(length, this.size)
    this.size += 4 + length
  }

  /** jsonb: version 1, then the JSON text. */
  jsonb(json: string | null | undefined) {
    if (json === null || json === undefined) return this.null()
    this.room(5 + json.length * 3)
    this.buffer[this.size + 4] = 1
    const length = this.utf8(json, this.size + 5)
    this.buffer.writeInt32BE(length + 1, this.size)
    this.size += 5 + length
  }

  boolean(value: boolean | null | undefined) {
    if (value === null || value === undefined) return this.null()
    this.room(5)
    this.size = this.buffer.writeInt32BE(1, this.size)
    this.buffer[this.size++] = value ? 1 : 0
  }

  /**
   * int4. A value that is not a whole number in range goes as an empty field, which the server refuses ("insufficient
   * data left in message") as it refused that number's text in an int column: the row is refused, not the file.
   */
  int4(value: number | null | undefined) {
    if (value === null || value === undefined) return this.null()
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) return this.refusedValue()
    this.room(8)
    this.size = this.buffer.writeInt32BE(4, this.size)
    this.size = this.buffer.writeInt32BE(value, this.size)
  }

  int2(value: number | null | undefined) {
    if (value === null || value === undefined) return this.null()
    // As int4: refused by the server, as its text was.
    if (!Number.isInteger(value) || value < -(2 ** 15) || value >= 2 ** 15) return this.refusedValue()
    this.room(6)
    this.size = this.buffer.writeInt32BE(2, this.size)
    this.size = this.buffer.writeInt16BE(value, this.size)
  }

  float8(value: number | null | undefined) {
    if (value === null || value === undefined) return this.null()
    this.room(12)
    this.size = this.buffer.writeInt32BE(8, this.size)
    this.size = this.buffer.writeDoubleBE(value, this.size)
  }

  /** timestamp (no zone): microseconds since 2000-01-01 of the instant's UTC wall time, as Prisma's DateTime stores it. */
  timestamp(value: Date | null | undefined) {
    if (value === null || value === undefined) return this.null()
    const ms = value.getTime()
    if (!Number.isFinite(ms)) throw new RangeError('not a timestamp: an invalid Date')
    const micros = (ms - PG_EPOCH_MS) * 1000
    // An int64 as two halves (|micros| < 2^53 for every Date): the high one signed, the low one unsigned.
    const high = Math.floor(micros / TWO_32)
    this.room(12)
    this.size = this.buffer.writeInt32BE(8, this.size)
    this.size = this.buffer.writeInt32BE(high, this.size)
    this.size = this.buffer.writeUInt32BE(micros - high * TWO_32, this.size)
  }

  /** timestamp from its microseconds since 2000-01-01 (a value the server gave, such as the transaction's now()). */
  timestampMicros(micros: bigint) {
    this.room(12)
    this.size = this.buffer.writeInt32BE(8, this.size)
    this.size = this.buffer.writeBigInt64BE(micros, this.size)
  }

  /** Everything written so far, with the trailer (the writer is done with then). */
  finish(): Buffer {
    this.bytes(COPY_BINARY_TRAILER)
    return this.buffer.subarray(0, this.size)
  }

  /** The bytes of rows written between two offsets, as a COPY of their own (header, rows, trailer). */
  static alone(rows: Buffer): Buffer {
    return Buffer.concat([COPY_BINARY_HEADER, rows, COPY_BINARY_TRAILER])
  }
}
