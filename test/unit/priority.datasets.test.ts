// The priority matrix against real recorded priorities: every UCI ServiceNow and BPIC 2014 incident.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { disagreements, PRESETS, Workspace } from '../../src/core';
import { importCsvFile } from '../../src/node/importFile';
import { NodeFsHost } from '../../src/node/fsHost';
import { dataDir, datasetMissing, testNeeding } from './helpers';

const uci = dataDir('uci-incident-management-event-log');
const bpic = dataDir('bpic2014-rabobank-itil-sample');

async function importAll(file: string, preset: string): Promise<{ ws: Workspace; root: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-priority-data-'));
  const { summary } = await importCsvFile({ csvPath: file, outDir: path.join(root, 'incidents'), preset });
  assert.equal(summary.skipped, 0);
  return { ws: await Workspace.load(new NodeFsHost(root)), root };
}

testNeeding(datasetMissing(uci), 'UCI: all 24,918 imported incidents agree with itil-3x3-p4; under itil-3x3 only the low × low cells differ', {}, async () => {
  if (!('dir' in uci)) return;
  const file = path.join(uci.dir, 'incidents_final_state.csv');
  const rows = parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
  const { ws, root } = await importAll(file, 'servicenow-uci');
  try {
    const incidents = [...ws.records('incident')];
    assert.equal(incidents.length, 24918);
    assert.equal(ws.matrix.name, 'itil-3x3-p4', 'the import set the workspace matrix');
    assert.deepEqual(disagreements(incidents, PRESETS['itil-3x3-p4']), []);
    // Counted from the CSV itself: rows recorded as low impact and low urgency.
    const lowLow = rows.filter((r) => r.impact === '3 - Low' && r.urgency === '3 - Low').length;
    const differ = disagreements(incidents, PRESETS['itil-3x3']);
    assert.equal(lowLow, 671, 'the UCI final state records 671 incidents as low impact and low urgency');
    assert.equal(differ.length, 671);
    assert.ok(differ.every((d) => d.impact === 'low' && d.urgency === 'low' && d.priority === 'P4' && d.expected === 'P5'));
    // And the workspace itself reports no priority issue at all.
    const priorityIssues = [...ws.allIssues().values()].flat().filter((i) => i.code.startsWith('priority') || i.code === 'invalid-level');
    assert.deepEqual(priorityIssues, []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

testNeeding(datasetMissing(bpic), 'BPIC 2014: all 4,000 imported incidents agree with rabobank-5x5', {}, async () => {
  if (!('dir' in bpic)) return;
  const { ws, root } = await importAll(path.join(bpic.dir, 'BPIC14_incident_case_attributes_4000.csv'), 'bpic2014');
  try {
    const incidents = [...ws.records('incident')];
    assert.equal(incidents.length, 4000);
    assert.equal(ws.matrix.name, 'rabobank-5x5');
    assert.deepEqual(disagreements(incidents, PRESETS['rabobank-5x5']), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
