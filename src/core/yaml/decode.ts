import { EMPTY_RANGE, type Issue } from '../base/types';
import { stripBom } from '../base/lines';
import { t } from '../base/l10n';

/**
 * Record files above this size are not parsed. A 500-record multi-document file is about 350 KB;
 * `yaml` parses about 2 MB/s here, so this bound keeps any single file under a second.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; issue: Issue };

function formatSize(bytes: number): string {
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

/** Turns file bytes into text, refusing what is too large, binary, or not UTF-8. */
export function decodeRecordFile(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, issue: tooLargeIssue(bytes.length) };
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) {
      return {
        ok: false,
        issue: {
          code: 'binary-file',
          severity: 'error',
          message: t('File looks binary (it contains NUL bytes), not YAML text.'),
          range: EMPTY_RANGE,
        },
      };
    }
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
