import * as vscode from 'vscode';
import type { Register } from '../features';
import { importTickets, type ImportCommandArgs } from './importCommand';
import { newRecord, validateWorkspace } from './recordCommands';
import { createSampleWorkspace, type SampleArgs } from './sampleCommand';

/** The record commands: new records, validation, the explorer's refresh, the sample and the CSV import. */
export const register: Register = ({ extensionUri, index, diagnostics, explorer }) =>
  vscode.Disposable.from(
    vscode.commands.registerCommand('kedb.newIncident', () => newRecord(index, 'incident')),
    vscode.commands.registerCommand('kedb.newProblem', () => newRecord(index, 'problem')),
    vscode.commands.registerCommand('kedb.newKnownError', (args?: { problem?: string }) => newRecord(index, 'known_error', args && typeof args.problem === 'string' ? { problem: args.problem } : {})),
    vscode.commands.registerCommand('kedb.validateWorkspace', () => validateWorkspace(index, diagnostics)),
    vscode.commands.registerCommand('kedb.refreshExplorer', () => explorer.refresh()),
    vscode.commands.registerCommand('kedb.createSample', (args?: SampleArgs) => createSampleWorkspace(extensionUri, args ?? {})),
    vscode.commands.registerCommand('kedb.importCsv', (args?: ImportCommandArgs) => importTickets(index, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {})),
  );
