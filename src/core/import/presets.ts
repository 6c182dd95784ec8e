/**
 * The built-in mappings. Each is written exactly as a mapping file would be, so a user can copy
 * one, or start from it with `preset: NAME` and change a few fields.
 */
import { columnIndex, type MappingSpec, type Scalar } from './mapping';

export const PRESET_NAMES = ['seed', 'tobi-bueck', 'servicenow-uci', 'bpic2014', 'vinst-problems'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Priority words → P1…P5 (P2 is "High" in ITIL's naming, as in ServiceNow's `2 - High`). */
const PRIORITY_WORDS: Record<string, Scalar> = {
  critical: 'P1',
  high: 'P2',
  medium: 'P3',
  low: 'P4',
  very_low: 'P5',
  'very low': 'P5',
};

/** ServiceNow's impact and urgency labels. */
const SN_LEVELS: Record<string, Scalar> = { '1 - High': 'high', '2 - Medium': 'medium', '3 - Low': 'low' };

/**
 * VINST (Volvo IT, BPI Challenge 2013) problem logs: each row a status change of a problem. Its
 * Status / Sub Status pairs onto our lifecycle: queued and waiting for an owner is `new`; assigned
 * to a team, `assessed`; in progress, `root-cause-analysis` (a problem's work until its fix);
 * waiting (on a vendor, a customer or an implementation), `fix-in-progress`; closed and cancelled
 * as they are. `Unmatched` (the event matched no team) goes back to `new`.
 */
const VINST_STATES: Record<string, Scalar> = {
  'Queued/Awaiting Assignment': 'new',
  'Accepted/Assigned': 'assessed',
  'Accepted/In Progress': 'root-cause-analysis',
  'Accepted/Wait': 'fix-in-progress',
  'Completed/Resolved': 'resolved',
  'Completed/Closed': 'closed',
  'Completed/Cancelled': 'cancelled',
  'Unmatched/Unmatched': 'new',
};

const VINST_PROBLEMS: MappingSpec = {
  dataset: 'vinst-problems',
  description: 'Volvo IT VINST problem logs (BPI Challenge 2013): one row per status change of a problem; written as problem records with their history.',
  detect: ['Problem Number', 'Problem Change Date+Time', 'Problem Status', 'Problem Sub Status'],
  kind: 'problem',
  id: { column: 'Problem Number', strip: '1-' },
  group_by: 'Problem Number',
  history: {
    at: { column: 'Problem Change Date+Time', date: 'iso' },
    status: { template: '{Problem Status}/{Problem Sub Status}', map: VINST_STATES },
    original_status: { template: '{Problem Status}/{Problem Sub Status}' },
  },
  fields: {
    title: [{ template: 'VINST problem {Problem Number} on {Product}' }, { template: 'VINST problem {Problem Number}' }],
    configuration_item: { column: 'Product', optional: true },
    assignment_group: { column: 'Problem Involved Owner ST', optional: true },
    impact: { column: 'Problem Latest Impact', optional: true, map: { Major: 'high', High: 'high', Medium: 'medium', Low: 'low' } },
    'source.original_impact': { column: 'Problem Latest Impact', optional: true },
    'source.org_line': { column: 'Problem Involved ST Org line 3', optional: true },
    'source.function_div': { column: 'Problem Involved ST Function Div', optional: true },
    'source.country': { column: 'Country', optional: true },
    'source.owner_country': { column: 'Problem Involved Action Owner Country', optional: true },
    'source.owner_first_name': { column: 'Problem Involved Action Owner First Name', optional: true },
  },
};

export const PRESETS: Record<PresetName, MappingSpec> = {
  seed: {
    dataset: 'seed',
    description: "The seed lab's ticket sheet: Ticket ID, Body, Department, Priority, Tags.",
    detect: ['Ticket ID', 'Body', 'Department', 'Priority', 'Tags'],
    id: { column: 'Ticket ID' },
    fields: {
      title: { column: 'Body', summary: 80 },
      body: 'Body',
      // The lab read Department as the reporter's department (it filled reporters per department).
      'reporter.department': { column: 'Department', optional: true },
      tags: { column: 'Tags', list: 'python', optional: true },
      priority: { column: 'Priority', map: PRIORITY_WORDS },
      'source.original_priority': 'Priority',
    },
  },

  'tobi-bueck': {
    dataset: 'tobi-bueck',
    description: 'Tobi Bueck customer support tickets: subject, body, answer, type, queue, priority, language, tag_1…tag_9.',
    detect: ['subject', 'body', 'queue', 'priority', 'language'],
    // The tickets have no number: ids are row numbers, stable only within one file.
    id: { row: true },
    fields: {
      title: ['subject', { column: 'body', unescape: true, summary: 80 }],
      // The body encodes line breaks as the two characters \n.
      body: { column: 'body', unescape: true },
      service: { column: 'business_type', optional: true },
      category: 'queue',
      tags: { columns: ['tag_1', 'tag_2', 'tag_3', 'tag_4', 'tag_5', 'tag_6', 'tag_7', 'tag_8', 'tag_9'] },
      type: {
        column: 'type',
        optional: true,
        map: { Incident: 'incident', Problem: 'incident', Request: 'service-request', Change: 'service-request' },
      },
      priority: { column: 'priority', map: PRIORITY_WORDS },
      assignment_group: 'queue',
      'resolution.notes': { column: 'answer', unescape: true, optional: true },
      'source.original_priority': 'priority',
      'source.original_type': { column: 'type', optional: true },
      'source.language': { column: 'language', optional: true },
      'source.version': { column: 'version', optional: true },
    },
  },

  'servicenow-uci': {
    dataset: 'servicenow-uci',
    description:
      'ServiceNow incident event log (UCI 498): the event log, where an incident takes its last event, or the final-state file.',
    detect: ['number', 'incident_state', 'sys_mod_count', 'impact', 'urgency', 'priority'],
    empty: ['?'],
    // ServiceNow's default matrix, except that low × low is P4 (the data has no P5).
    matrix: 'itil-3x3-p4',
    id: { column: 'number' },
    // Event log: one incident per number; its last event (highest sys_mod_count) gives its values.
    group_by: 'number',
    latest_by: 'sys_mod_count',
    fields: {
      title: [
        { template: '{category} / {subcategory}: {u_symptom}' },
        { template: '{category} / {subcategory}' },
        { template: '{category}' },
        { template: 'ServiceNow incident {number}' },
      ],
      reported_at: { column: 'opened_at', date: 'd/m/y' },
      'reporter.name': { column: 'caller_id', optional: true },
      channel: {
        column: 'contact_type',
        optional: true,
        map: { Phone: 'phone', Email: 'email', 'Self service': 'portal', 'Direct opening': 'walk-in', IVR: 'phone' },
      },
      configuration_item: { column: 'cmdb_ci', optional: true },
      category: { column: 'category', optional: true },
      subcategory: { column: 'subcategory', optional: true },
      type: { value: 'incident' },
      impact: { column: 'impact', map: SN_LEVELS },
      urgency: { column: 'urgency', map: SN_LEVELS },
      priority: { column: 'priority', map: { '1 - Critical': 'P1', '2 - High': 'P2', '3 - Moderate': 'P3', '4 - Low': 'P4', '5 - Planning': 'P5' } },
      status: {
        column: 'incident_state',
        map: {
          New: 'new',
          Active: 'in-progress',
          'Awaiting User Info': 'on-hold',
          'Awaiting Problem': 'on-hold',
          'Awaiting Vendor': 'on-hold',
          'Awaiting Evidence': 'on-hold',
          Resolved: 'resolved',
          Closed: 'closed',
        },
      },
      assignment_group: { column: 'assignment_group', optional: true },
      assigned_to: { column: 'assigned_to', optional: true },
      'resolution.resolved_at': { column: 'resolved_at', date: 'd/m/y', optional: true },
      'source.original_priority': 'priority',
      // Ground truth for problem detection; not the record's `problem` (no such problem record exists).
      'source.problem_id': { column: 'problem_id', optional: true },
      'source.symptom': { column: 'u_symptom', optional: true },
      'source.location': { column: 'location', optional: true },
      'source.closed_at': { column: 'closed_at', date: 'd/m/y', optional: true },
      'source.closed_code': { column: 'closed_code', optional: true },
      'source.resolved_by': { column: 'resolved_by', optional: true },
      'source.made_sla': { column: 'made_sla', as: 'boolean', optional: true },
      'source.knowledge': { column: 'knowledge', as: 'boolean', optional: true },
      'source.reassignment_count': { column: 'reassignment_count', as: 'integer', optional: true },
      'source.reopen_count': { column: 'reopen_count', as: 'integer', optional: true },
      'source.sys_mod_count': { column: 'sys_mod_count', as: 'integer', optional: true },
      'source.rfc': { column: 'rfc', optional: true },
      'source.caused_by': { column: 'caused_by', optional: true },
      'source.vendor': { column: 'vendor', optional: true },
    },
  },

  bpic2014: {
    dataset: 'bpic2014',
    description: 'BPI Challenge 2014 (Rabobank) incident case attributes: CI, service component, impact/urgency/priority 1–5, KM number.',
    detect: ['incident_id', 'impact', 'urgency', 'priority', 'km_number', 'ci_name_aff'],
    // Impact and urgency 1 to 5, priority = floor((impact + urgency) / 2).
    matrix: 'rabobank-5x5',
    id: { column: 'incident_id' },
    fields: {
      title: [
        { template: '{category} on {ci_name_aff} ({ci_subtype_aff})' },
        { template: '{category} on {ci_name_aff}' },
        { template: 'Rabobank incident {incident_id}' },
      ],
      reported_at: { column: 'open_time', date: 'iso' },
      service: { column: 'service_component_wbs_aff', optional: true },
      configuration_item: { column: 'ci_name_aff', optional: true },
      category: { column: 'ci_type_aff', optional: true },
      subcategory: { column: 'ci_subtype_aff', optional: true },
      type: {
        column: 'category',
        optional: true,
        map: { incident: 'incident', complaint: 'incident', 'request for information': 'service-request' },
      },
      impact: { column: 'impact', as: 'integer' },
      urgency: { column: 'urgency', as: 'integer' },
      priority: { column: 'priority', map: { '1': 'P1', '2': 'P2', '3': 'P3', '4': 'P4', '5': 'P5' } },
      status: {
        column: 'status',
        map: { Closed: 'closed', Open: 'new', 'Work in progress': 'in-progress', Resolved: 'resolved' },
      },
      'resolution.resolved_at': { column: 'resolved_time', date: 'iso', optional: true },
      'source.original_priority': { column: 'priority', as: 'integer' },
      // Ground truth: the knowledge article the incident was solved with.
      'source.knowledge_id': { column: 'km_number', optional: true },
      'source.closure_code': { column: 'closure_code', optional: true },
      'source.closed_at': { column: 'close_time', date: 'iso', optional: true },
      'source.reopened_at': { column: 'reopen_time', date: 'iso', optional: true },
      'source.handle_time_hours': { column: 'handle_time_hours', as: 'number', optional: true },
      'source.reassignments': { column: 'x_reassignments', as: 'integer', optional: true },
      'source.related_interaction': { column: 'related_interaction', optional: true },
      'source.related_incidents': { column: 'x_related_incidents', as: 'integer', optional: true },
      'source.related_change': { column: 'related_change', optional: true },
      'source.caused_by_ci': { column: 'ci_name_cby', optional: true },
      'source.caused_by_ci_type': { column: 'ci_type_cby', optional: true },
      'source.caused_by_service': { column: 'servicecomp_wbs_cby', optional: true },
    },
  },

  'vinst-problems': VINST_PROBLEMS,
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * The preset whose identifying columns all appear in a header (names compared ignoring case and
 * spaces), the most specific one when several fit; undefined when none does.
 */
export function detectPreset(headerColumns: readonly string[]): PresetName | undefined {
  let best: PresetName | undefined;
  let bestCount = 0;
  for (const name of PRESET_NAMES) {
    const detect = PRESETS[name].detect ?? [];
    if (detect.length === 0 || !detect.every((c) => columnIndex(headerColumns, c) >= 0)) continue;
    if (detect.length > bestCount) {
      best = name;
      bestCount = detect.length;
    }
  }
  return best;
}
