import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISMISSED_FILE, parseDismissals, type Dismissal } from '../core';
import { readFileNoFollow } from './fsHost';

/** The candidates dismissed in a folder (.kedb/dismissed.yaml), none when it has no such file. */
export function readDismissals(dir: string): Dismissal[] {
  const file = path.join(dir, DISMISSED_FILE);
  if (!fs.existsSync(file)) return [];
  return parseDismissals(new TextDecoder().decode(readFileNoFollow(file)));
}
