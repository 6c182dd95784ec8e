// KEDB: Open Insights in the real VS Code: the charts of the workspace's figures drawn in the
// webview, and a click on a Pareto bar followed to the incident behind it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InsightsProbe } from '../../../src/extension/stats/insights';
import { PARETO_TOP } from '../../../src/shared/insightCharts';
import { test, waitFor } from '../runner';
import { kedb } from './helpers';

test('insights: Open Insights draws the charts, and a click on a Pareto bar opens the incident behind it', async () => {
  await kedb();
  await vscode.commands.executeCommand('kedb.openInsights');
  let last: InsightsProbe | undefined;
  const probe = async () => (last = await vscode.commands.executeCommand<InsightsProbe | undefined>('kedb._insights'));
  const drawn = await waitFor(async () => {
    const p = await probe();
    return p && p.renders > 0 && p.stats ? p : undefined;
  }, { message: 'Insights drawn', timeout: 30_000, detail: () => last });
  const stats = drawn.stats!;
  const pareto = drawn.rendered.find((c) => c.id === 'pareto-category')!;
  assert.equal(pareto.marks, Math.min(stats.pareto.category.length, PARETO_TOP), 'a bar per category shown');
  assert.ok(drawn.rendered.every((c) => c.empty || c.marks >= 0));
  // A bar with one incident behind it opens that incident at once.
  const index = stats.pareto.category.findIndex((r, i) => r.ids.length === 1 && i < PARETO_TOP - 1);
  assert.ok(index >= 0, 'a category with one incident among the bars');
  const id = stats.pareto.category[index].ids[0];
  await vscode.commands.executeCommand('kedb._insights', 'click', 'pareto-category', index);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith(`/incidents/${id}.yaml`), { message: `${id} opened by the bar's click`, timeout: 15_000 });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(async () => (await probe()) === undefined, { message: 'Insights closed with its editor' });
}, { timeout: 60_000 });
