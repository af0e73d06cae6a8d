import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { describe, expect, it } from 'vitest'
import { MAX_CSV_RECORD_BYTES, NumberedCsvParser, csvErrorMessage, csvParseOptions } from './import-tickets-csv.server.ts'

// The import parses records as arrays with the line appended by NumberedCsvParser, and reads the header itself; these
// hold what it reports (the line of each record, the message of a row of the wrong length) equal to what csv-parse
// reported with `columns` and `info`, as the import parsed before.

const BEFORE = { bom: true, max_record_size: MAX_CSV_RECORD_BYTES, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, trim: false, relax_column_count: false } as const

async function withInfo(text: string): Promise<{ lines: number[]; error?: string }> {
  const lines: number[] = []
  try {
    for await (const { info } of Readable.from([text]).pipe(parse({ ...BEFORE, record_delimiter: [...BEFORE.record_delimiter], columns: (h: string[]) => h, info: true }))) lines.push((info as { lines: number }).lines)
  } catch (error) {
    return { lines, error: (error as Error).message }
  }
  return { lines }
}

async function numbered(text: string): Promise<{ lines: number[]; error?: string }> {
  const lines: number[] = []
  try {
    let header = true
    for await (const values of Readable.from([text]).pipe(new NumberedCsvParser(csvParseOptions())) as AsyncIterable<unknown[]>) {
      const line = values.pop() as number
      if (header) header = false
      else lines.push(line)
    }
  } catch (error) {
    return { lines, error: csvErrorMessage(error as { code?: string; message: string }) }
  }
  return { lines }
}

describe('NumberedCsvParser', () => {
  it.each([
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CRLF, CR and LF mixed, no final line end', 'a,b\r\n1,2\r3,4\n5,6'],
    ['empty lines skipped', 'a,b\n\n1,2\n\n\n3,4\n\n'],
    ['quoted fields across lines', 'a,b\n"x\ny",2\n"p\r\nq\rr","s""t"\n7,8\n'],
    ['a byte order mark', '\ufeffa,b\n1,2\n'],
    ['a short row part way', 'a,b\n1,2\n"x\ny",2\n3\n4,5\n'],
    ['a long row part way', 'a,b\n1,2\n3,4,5\n'],
  ])('gives each record the line info gave it (%s), and the same error', async (_, text) => {
    expect(await numbered(text)).toEqual(await withInfo(text))
  })
})
