/**
 * Streams a CSV file into `CsvEvent`s for the importer: csv-parse for quoting, embedded newlines
 * and separators; iconv-lite for encodings other than UTF-8 (Windows-1252, UTF-16). The file is
 * read in chunks and never held whole: memory stays at a chunk plus a few parsed records.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { t } from '../core/base';
import { describeCsvError, sniffDelimiter, type CsvEvent } from '../core/import';
import { utf16ByteOrder } from '../core/yaml';

/** Largest record accepted; a runaway unclosed quote stops here instead of filling memory. */
export const MAX_RECORD_CHARS = 1_000_000;
const CHUNK = 256 * 1024;

export interface CsvReadOptions {
  /** Force an encoding (`utf-8`, `windows-1252`, …) instead of detecting it. */
  encoding?: string;
  /** Force the separator instead of detecting it from the header. */
  delimiter?: string;
}

export interface CsvFile extends AsyncIterable<CsvEvent> {
  path: string;
  /** The encoding used, as iconv-lite names it (`utf8`, `windows1252`, `utf16le`, …). */
  encoding: string;
  /** The encoding was detected rather than given. */
  encodingDetected: boolean;
  delimiter: string;
  delimiterDetected: boolean;
  size: number;
  /** Bytes read from the file so far. */
  bytesRead(): number;
}

/** iconv-lite's name for an encoding; throws for one it does not know. */
export function normalizeEncoding(name: string): string {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const aliases: Record<string, string> = { utf8: 'utf8', cp1252: 'windows1252', win1252: 'windows1252', latin1: 'latin1', iso88591: 'latin1' };
  const enc = aliases[key] ?? key;
  if (!iconv.encodingExists(enc)) throw new Error(t('unknown encoding "{0}"', name));
  return enc;
}

/** Bytes at the end of `buf` that start a UTF-8 sequence the buffer cuts off. */
function incompleteTail(buf: Buffer, len: number): number {
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = buf[len - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < need ? back : 0;
  }
  return 0;
}

/**
 * The file's encoding: from its byte-order mark, else UTF-8 when every byte of the file is valid
 * UTF-8 (checked in chunks, so a stray Windows-1252 byte deep in the file is still found), else
 * Windows-1252, the usual encoding of spreadsheet exports that are not UTF-8.
 */
export function detectEncoding(path: string): { encoding: string; bom: boolean } {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK * 4);
    let len = fs.readSync(fd, buf, 0, buf.length, 0);
    if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf8', bom: true };
    if (len >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf16le', bom: true };
    if (len >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf16be', bom: true };
    // UTF-16 without a byte-order mark (some exports write one): mostly-ASCII text has a NUL in
    // every other byte, which would otherwise pass as UTF-8 and give a header full of NULs.
    const utf16 = utf16ByteOrder(buf.subarray(0, len - (len % 2)));
    if (utf16) return { encoding: utf16.order === 'le' ? 'utf16le' : 'utf16be', bom: false };
    let pos = 0;
    let carry = 0;
    while (len > 0) {
      const total = carry + len;
      const tail = incompleteTail(buf, total);
      if (!isUtf8(buf.subarray(0, total - tail))) return { encoding: 'windows1252', bom: false };
      pos += len;
      buf.copy(buf, 0, total - tail, total);
      carry = tail;
      len = fs.readSync(fd, buf, carry, buf.length - carry, pos);
    }
    return { encoding: carry > 0 ? 'windows1252' : 'utf8', bom: false };
  } finally {
    fs.closeSync(fd);
  }
}

/** Decoded text of the file's first bytes, enough to see its header. */
function sampleText(path: string, encoding: string): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const len = fs.readSync(fd, buf, 0, buf.length, 0);
    return iconv.decode(buf.subarray(0, len), encoding);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a CSV file for streaming. Encoding and separator are detected unless given; nothing is
 * parsed until the result is iterated, and each iteration reads the file anew.
 */
export function openCsvFile(path: string, options: CsvReadOptions = {}): CsvFile {
  const size = fs.statSync(path).size;
  const encoding = options.encoding ? normalizeEncoding(options.encoding) : size === 0 ? 'utf8' : detectEncoding(path).encoding;
  const delimiter = options.delimiter ?? (size === 0 ? ',' : sniffDelimiter(sampleText(path, encoding)));
  let input: fs.ReadStream | undefined;
  return {
    path,
    encoding,
    encodingDetected: !options.encoding,
    delimiter,
    delimiterDetected: !options.delimiter,
    size,
    bytesRead: () => input?.bytesRead ?? 0,
    [Symbol.asyncIterator]() {
      input = fs.createReadStream(path, { highWaterMark: CHUNK });
      return readEvents(input, encoding, delimiter);
    },
  };
}

/**
 * Line numbers. csv-parse counts lines as it goes, but counts a CRLF inside a quoted field as two;
 * each such CRLF is subtracted again (`drift`). A record starts where it ends minus the line breaks
 * inside its fields.
 */
async function* readEvents(input: fs.ReadStream, encoding: string, delimiter: string): AsyncGenerator<CsvEvent> {
  const queued: CsvEvent[] = [];
  let drift = 0;
  let lastEnd = 0;
  let lastErrorLine = 0;
  const options: Options<CsvEvent, string[]> = {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[], context) => {
      let breaks = 0;
      for (const f of record) {
        if (f.length === 0 || (f.indexOf('\n') < 0 && f.indexOf('\r') < 0)) continue;
        for (let i = 0; i < f.length; i++) {
          const c = f.charCodeAt(i);
          if (c === 10) breaks++;
          else if (c === 13) {
            if (f.charCodeAt(i + 1) === 10) {
              drift++;
            } else breaks++;
          }
        }
      }
      const end = context.lines - drift;
      lastEnd = end;
      return { type: 'row', line: end - breaks, fields: record };
    },
    on_skip: (err: CsvError | undefined) => {
      const code = err?.code;
      const described = describeCsvError(code, err?.message ?? '', delimiter);
      const at = Math.max(1, ((err as { lines?: number } | undefined)?.lines ?? lastEnd + 1) - drift);
      // An unclosed quote is only noticed at the end of the file; it opened in the record after the last good one.
      const line = described.toEnd ? lastEnd + 1 : at;
      if (!described.toEnd && line === lastErrorLine) return undefined; // one report per line
      lastErrorLine = line;
      const reason = described.toEnd ? t('{0}; lines {1} to {2} (the end of the file) could not be read', described.reason, line, Math.max(line, at)) : described.reason;
      queued.push({ type: 'error', line, reason, toEnd: described.toEnd });
      return undefined;
    },
  };
  const parser = parse(options as unknown as Options);
  if (encoding === 'utf8') pipeline(input, parser, () => undefined);
  else pipeline(input, iconv.decodeStream(encoding), parser, () => undefined);
  try {
    for await (const rec of parser as AsyncIterable<CsvEvent>) {
      if (queued.length > 0) {
        queued.sort((a, b) => a.line - b.line);
        while (queued.length > 0 && queued[0].line < rec.line) yield queued.shift()!;
      }
      yield rec;
    }
    queued.sort((a, b) => a.line - b.line);
    yield* queued;
  } finally {
    input.destroy();
    parser.destroy();
  }
}
