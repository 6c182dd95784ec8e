import { EMPTY_RANGE, type Issue } from '../base/types';
import { stripBom } from '../base/lines';
import { t } from '../base/l10n';

/**
 * Record files above this size are not parsed. A 500-record multi-document file is about 350 KB;
 * `yaml` parses about 2 MB/s here, so this bound keeps any single file under a second.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; issue: Issue };

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function tooLargeIssue(bytes: number): Issue {
  return {
    code: 'file-too-large',
    severity: 'error',
    message: t('File is {0}; record files over {1} are not checked. Split it into one record per file.', formatSize(bytes), formatSize(MAX_FILE_BYTES)),
    range: EMPTY_RANGE,
  };
}

/**
 * The text with each lone CR (the line end of old Mac files) made LF. Each line break stays one
 * character, so every offset stays where it was, and `yaml`, js-yaml and `LineIndex` (which count
 * LF and CRLF) then see the lines the editor shows. LF and CRLF are left as they are.
 */
export function lineBreaksAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function binaryIssue(): Issue {
  return {
    code: 'binary-file',
    severity: 'error',
    message: t('File looks binary (it contains NUL bytes), not YAML text.'),
    range: EMPTY_RANGE,
  };
}

/**
 * The byte order of UTF-16 text: from its byte-order mark, or, without one, from where its NUL
 * bytes sit. Text that is mostly ASCII has a NUL in the high byte of nearly every code unit, the
 * odd bytes in little-endian and the even ones in big-endian, and nowhere else; a binary file's
 * NULs fall anywhere.
 */
export function utf16ByteOrder(bytes: Uint8Array): { order: 'le' | 'be'; bom: boolean } | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { order: 'le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { order: 'be', bom: true };
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const pairs = Math.min(bytes.length, 8192) / 2;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    const lo = bytes[2 * i];
    const hi = bytes[2 * i + 1];
    if (lo === 0 && hi === 0) return undefined; // U+0000 is no text
    if (hi === 0) odd++;
    else if (lo === 0) even++;
  }
  if (odd >= pairs / 2 && even <= pairs / 16) return { order: 'le', bom: false };
  if (even >= pairs / 2 && odd <= pairs / 16) return { order: 'be', bom: false };
  return undefined;
}

/** UTF-16 bytes as text, or the offset of the first byte that is not valid UTF-16 there (or a NUL, which is no text). */
function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be', bom: boolean): { text: string } | { bad: number; nul?: boolean } {
  const units = Math.floor(bytes.length / 2);
  const codes: number[] = [];
  const parts: string[] = [];
  const unit = order === 'le' ? (i: number) => bytes[2 * i] | (bytes[2 * i + 1] << 8) : (i: number) => (bytes[2 * i] << 8) | bytes[2 * i + 1];
  for (let i = bom ? 1 : 0; i < units; i++) {
    const u = unit(i);
    if (u === 0) return { bad: 2 * i, nul: true };
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : -1;
      if (next < 0xdc00 || next > 0xdfff) return { bad: 2 * i };
      codes.push(u, next);
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) return { bad: 2 * i };
    else codes.push(u);
    if (codes.length >= 8192) parts.push(String.fromCharCode(...codes.splice(0)));
  }
  if (bytes.length % 2 !== 0) return { bad: bytes.length - 1 };
  parts.push(String.fromCharCode(...codes));
  return { text: parts.join('') };
}

/** Turns file bytes into text (UTF-8, or UTF-16 with or without its mark), refusing what is too large, binary, or badly encoded. */
export function decodeRecordFile(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, issue: tooLargeIssue(bytes.length) };
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) {
    const decoded = decodeUtf16(bytes, utf16.order, utf16.bom);
    if ('text' in decoded) return { ok: true, text: stripBom(decoded.text) };
    if (!utf16.bom || decoded.nul) return { ok: false, issue: binaryIssue() };
    return {
      ok: false,
      issue: {
        code: 'invalid-encoding',
        severity: 'error',
        message: t('File is marked as UTF-16 but is not valid UTF-16 (first bad byte at offset {0}). Save it as UTF-8.', decoded.bad),
        range: EMPTY_RANGE,
      },
    };
  }
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return { ok: false, issue: binaryIssue() };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: stripBom(text) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const at = { line, character: bad - lineStart };
    return {
      ok: false,
      issue: {
        code: 'invalid-encoding',
        severity: 'error',
        message: t('File is not valid UTF-8 (first bad byte at offset {0}). Save it as UTF-8.', bad),
        range: { start: at, end: { line, character: at.character + 1 } },
      },
    };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or the length when all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
