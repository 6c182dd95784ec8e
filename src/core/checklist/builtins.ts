/**
 * The built-in words, English and Indonesian (the seed lab's two languages), after the seed's
 * deliverables table: channel "inferred from the body: mostly email; portal or ticket means the
 * web portal"; category "classified from keywords"; impact and urgency "from the body: critical,
 * offline, blocking = high; a service request = low"; and a request's phrasing for its type.
 *
 * Confidence tiers: 0.8 a phrase that says it outright ("via the portal", "all users"); 0.6-0.7 a
 * strong word ("offline", "invoice"); 0.4-0.5 a weak or ambiguous word ("portal" may be the broken
 * service rather than the channel; "request" also opens incident reports). A workspace adds its own
 * rules in kedb.config.yaml (`checklist.suggest.rules`), or turns these off (`builtins: false`).
 *
 * Impact and urgency values are `high`, `medium` and `low`, mapped to the workspace matrix's
 * levels (its first, middle and last) when it uses others.
 */
import type { BuiltinLanguage, RuleField } from '../records/settings/checklist';

export interface BuiltinRule {
  field: RuleField;
  value: string;
  lang: BuiltinLanguage;
  confidence: number;
  words: string[];
}

function rules(field: RuleField, value: string, lang: BuiltinLanguage, groups: [number, string[]][]): BuiltinRule[] {
  return groups.map(([confidence, words]) => ({ field, value, lang, confidence, words }));
}

/** The categories built-in keywords can suggest, named as the seed's category table names them. */
export const BUILTIN_CATEGORIES = [
  'Outage', 'Compatibility', 'Billing', 'Inquiry', 'Network', 'Documentation', 'Connectivity', 'Request', 'Hardware',
  'Account', 'Bug', 'Compliance', 'Configuration', 'Feature', 'Maintenance', 'Security', 'Performance',
] as const;

export const BUILTIN_RULES: readonly BuiltinRule[] = [
  // ---- channel -------------------------------------------------------------------------------
  ...rules('channel', 'portal', 'en', [
    [0.8, ['via the portal', 'through the portal', 'using the portal', 'via the service portal', 'through the service portal',
      'via the support portal', 'through the support portal', 'via the self-service portal', 'through the self-service portal',
      'portal ticket', 'portal request', 'web form', 'online form', 'request form', 'raised this ticket', 'raising this ticket',
      'submitted a ticket', 'submitting this ticket', 'opened a ticket', 'logged a ticket', 'ticket portal']],
    // "portal" alone names the broken service as often as the channel ("the billing portal is
    // down"): on the seed's own tickets it did so 4 times out of 5, so it is weak evidence here.
    [0.4, ['support portal', 'service portal', 'self-service portal', 'ticketing system', 'ticket']],
  ]),
  ...rules('channel', 'portal', 'id', [
    [0.8, ['melalui portal', 'lewat portal', 'via portal', 'formulir online', 'formulir web', 'formulir permintaan', 'membuat tiket',
      'mengajukan tiket', 'tiket portal']],
    [0.4, ['portal layanan', 'layanan mandiri', 'tiket']],
  ]),
  ...rules('channel', 'email', 'en', [
    [0.8, ['by email', 'via email', 'by e-mail', 'via e-mail', 'this email', 'this e-mail', 'sent an email', 'emailed', 'email thread']],
    // A letter's form: the seed found most tickets were emails.
    [0.55, ['dear', 'i am writing', 'i am reaching out', 'i hope this message', 'i hope this email', 'best regards', 'kind regards',
      'warm regards', 'sincerely', 'yours faithfully', 'yours sincerely']],
  ]),
  ...rules('channel', 'email', 'id', [
    [0.8, ['melalui email', 'lewat email', 'via surel', 'melalui surel', 'surel ini', 'email ini']],
    [0.55, ['dengan hormat', 'hormat saya', 'hormat kami', 'yth', 'kepada yth', 'salam hangat', 'atas perhatiannya']],
  ]),
  ...rules('channel', 'phone', 'en', [
    [0.8, ['by phone', 'over the phone', 'phone call', 'called the service desk', 'called the help desk', 'called the helpdesk',
      'phoned', 'telephoned', 'hotline', 'voicemail', 'left a message']],
  ]),
  ...rules('channel', 'phone', 'id', [
    [0.8, ['lewat telepon', 'melalui telepon', 'via telepon', 'menelepon', 'ditelepon', 'telepon ke', 'hotline']],
  ]),
  ...rules('channel', 'chat', 'en', [[0.8, ['live chat', 'via chat', 'in the chat', 'chat session', 'chatbot', 'whatsapp', 'teams chat']]]),
  ...rules('channel', 'chat', 'id', [[0.8, ['lewat chat', 'melalui chat', 'via whatsapp', 'lewat whatsapp', 'obrolan langsung']]]),
  ...rules('channel', 'walk-in', 'en', [[0.8, ['walk-in', 'walked in', 'walked over', 'came to the desk', 'came to the service desk', 'in person', 'at the service desk']]]),
  ...rules('channel', 'walk-in', 'id', [[0.8, ['datang langsung', 'datang ke meja', 'secara langsung ke', 'ke meja layanan', 'tatap muka']]]),
  ...rules('channel', 'monitoring', 'en', [
    [0.8, ['monitoring alert', 'automated alert', 'automatic alert', 'alert fired', 'alert triggered', 'alarm triggered', 'threshold exceeded',
      'health check failed', 'nagios', 'zabbix', 'prometheus', 'datadog', 'pagerduty']],
  ]),
  ...rules('channel', 'monitoring', 'id', [[0.8, ['peringatan otomatis', 'alarm monitoring', 'notifikasi monitoring', 'alert monitoring']]]),

  // ---- type ----------------------------------------------------------------------------------
  ...rules('type', 'service-request', 'en', [
    [0.75, ['request information', 'request detailed information', 'request for information', 'requesting information', 'information about',
      'information regarding', 'information on', 'details about', 'details on', 'would like to know', 'would like to learn', 'eager to learn',
      'interested in', 'inquire', 'inquiring', 'inquiry', 'enquiry', 'question about', 'questions about', 'how do i', 'how can i', 'how to',
      'clarification', 'pricing', 'quote', 'feature request', 'new account', 'access request', 'request access', 'please create',
      'please set up', 'please prepare', 'please install', 'new starter', 'onboarding', 'guidance', 'best practices', 'recommendations']],
    [0.45, ['request', 'requesting', 'would like to', 'could you provide', 'please provide', 'documentation']],
  ]),
  ...rules('type', 'service-request', 'id', [
    [0.75, ['bukan insiden', 'permintaan informasi', 'mohon informasi', 'ingin menanyakan', 'menanyakan', 'ingin mengetahui', 'bagaimana cara',
      'klarifikasi', 'permintaan akses', 'akun baru', 'mohon dibuatkan', 'mohon disiapkan', 'mohon dipasang', 'pemasangan', 'penawaran harga',
      'permintaan layanan', 'permintaan fitur', 'pertanyaan']],
    [0.45, ['permintaan', 'minta', 'meminta', 'mohon']],
  ]),
  ...rules('type', 'incident', 'en', [
    [0.75, ['not working', 'does not work', 'stopped working', 'is down', 'went down', 'outage', 'offline', 'crash', 'crashed', 'crashes',
      'crashing', 'broken', 'failed', 'fails', 'failing', 'failure', 'malfunction*', 'disruption', 'disrupted', 'interrupted', 'interruption*',
      'unable to access', 'cannot access', 'cannot connect', 'cannot log in', 'cannot login', 'unable to log in', 'unable to connect',
      'error', 'errors', 'bug', 'data breach', 'breach', 'lost connection', 'disconnect*', 'unavailable', 'unresponsive', 'freez*']],
    [0.45, ['problem', 'issue', 'cannot', 'unable to', 'slow', 'affected', 'impacting']],
  ]),
  ...rules('type', 'incident', 'id', [
    [0.75, ['tidak berfungsi', 'tidak bisa diakses', 'tidak dapat diakses', 'tidak bisa login', 'tidak bisa masuk', 'gagal', 'error', 'rusak',
      'mati', 'gangguan', 'terganggu', 'terputus', 'macet', 'crash', 'hang', 'sedang down', 'offline', 'terblokir', 'diblokir', 'bermasalah']],
    [0.45, ['tidak bisa', 'tidak dapat', 'masalah', 'kendala', 'lambat']],
  ]),

  // ---- impact (scope) ------------------------------------------------------------------------
  ...rules('impact', 'high', 'en', [
    [0.8, ['all users', 'every user', 'all employees', 'all staff', 'all our users', 'all customers', 'all clinics', 'all branches', 'all sites',
      'all offices', 'all departments', 'everyone', 'entire company', 'entire organization', 'entire organisation', 'entire team', 'entire network', 'whole company', 'whole organization', 'whole organisation', 'company-wide',
      'organization-wide', 'organisation-wide', 'business-wide', 'across the organization', 'across the company', 'widespread']],
    [0.6, ['entire', 'multiple departments', 'many users', 'numerous users', 'large number of users', 'business operations', 'our operations', 'critical services',
      'clients', 'patients', 'production']],
  ]),
  ...rules('impact', 'high', 'id', [
    [0.8, ['semua pengguna', 'seluruh pengguna', 'semua karyawan', 'seluruh karyawan', 'semua staf', 'seluruh staf', 'semua cabang',
      'seluruh cabang', 'semua klinik', 'seluruh klinik', 'semua orang', 'seluruh perusahaan', 'seluruh kantor', 'seluruh', 'meluas']],
    [0.6, ['banyak pengguna', 'operasional', 'pelanggan kami', 'pasien']],
  ]),
  ...rules('impact', 'medium', 'en', [
    [0.65, ['several users', 'some users', 'a few users', 'several colleagues', 'several team members', 'several employees', 'multiple users',
      'our team', 'the team', 'a department', 'one department', 'our department', 'the department', 'a branch', 'one branch', 'one floor',
      'a group of users', 'several devices', 'multiple devices', 'team members']],
  ]),
  ...rules('impact', 'medium', 'id', [
    [0.65, ['beberapa pengguna', 'sebagian pengguna', 'beberapa karyawan', 'beberapa staf', 'tim kami', 'satu departemen', 'departemen kami',
      'satu cabang', 'beberapa perangkat', 'satu lantai']],
  ]),
  ...rules('impact', 'low', 'en', [
    [0.7, ['one user', 'a single user', 'single user', 'only me', 'just me', 'only affects me', 'only for me', 'only my', 'one laptop',
      'one device', 'a single device']],
    [0.45, ['my laptop', 'my computer', 'my workstation', 'my device', 'cosmetic', 'typo', 'just a question', 'quick question', 'a general question']],
  ]),
  ...rules('impact', 'low', 'id', [
    [0.7, ['hanya saya', 'saya sendiri', 'satu pengguna', 'hanya satu', 'hanya di perangkat saya']],
    [0.45, ['laptop saya', 'komputer saya', 'perangkat saya', 'hanya bertanya', 'sekadar bertanya', 'pertanyaan umum']],
  ]),

  // ---- urgency (severity) --------------------------------------------------------------------
  ...rules('urgency', 'high', 'en', [
    [0.8, ['cannot work', 'unable to work', 'blocking', 'blocked', 'critical', 'urgent', 'urgently', 'asap', 'as soon as possible', 'immediately',
      'immediate', 'emergency', 'standstill', 'halted', 'stopped working', 'completely down', 'completely unavailable', 'production down',
      'offline', 'outage', 'is down', 'are down', 'was down', 'went down', 'goes down', 'down for', 'inaccessible', 'not accessible',
      'data breach', 'security breach', 'deadline']],
    [0.6, ['significant', 'severe', 'serious', 'disruption', 'disrupting', 'unavailable', 'crash', 'crashed', 'crashes', 'high priority']],
  ]),
  ...rules('urgency', 'high', 'id', [
    [0.8, ['tidak bisa bekerja', 'tidak dapat bekerja', 'mendesak', 'darurat', 'kritis', 'kritikal', 'segera', 'secepatnya', 'terblokir',
      'diblokir', 'lumpuh', 'terhenti', 'berhenti total', 'mati total', 'offline', 'sedang down', 'tidak bisa diakses', 'tidak dapat diakses']],
    [0.6, ['gangguan', 'serius', 'parah', 'mati']],
  ]),
  ...rules('urgency', 'medium', 'en', [
    [0.6, ['slow', 'slowness', 'sluggish', 'intermittent', 'intermittently', 'degraded', 'sporadic', 'sporadically', 'sometimes', 'occasionally',
      'delay', 'delays', 'delayed', 'workaround', 'performance issue*', 'recurring', 'inconvenience']],
  ]),
  ...rules('urgency', 'medium', 'id', [
    [0.6, ['lambat', 'lemot', 'kadang', 'kadang-kadang', 'terputus-putus', 'sesekali', 'tertunda', 'berulang', 'solusi sementara']],
  ]),
  ...rules('urgency', 'low', 'en', [
    [0.7, ['not urgent', 'no rush', 'when convenient', 'at your convenience', 'whenever possible', 'when you have time', 'low priority',
      'no hurry', 'not time-critical', 'not time critical', 'for future reference', 'for planning purposes',
      // "question" alone also opens incident reports ("questions about the outage"): only a plain question.
      'just a question', 'quick question', 'a general question', 'only a question', 'simple question', 'general inquiry']],
  ]),
  ...rules('urgency', 'low', 'id', [
    [0.7, ['tidak mendesak', 'tidak buru-buru', 'kapan saja', 'jika sempat', 'prioritas rendah', 'tidak terburu-buru', 'sekadar bertanya',
      'hanya bertanya', 'hanya ingin bertanya', 'pertanyaan umum', 'pertanyaan singkat']],
  ]),

  // ---- category (keywords; tags naming a category come first) --------------------------------
  ...rules('category', 'Outage', 'en', [[0.6, ['outage', 'offline', 'is down', 'went down', 'unavailable', 'not accessible', 'inaccessible', '503', 'service disruption']]]),
  ...rules('category', 'Outage', 'id', [[0.6, ['mati total', 'padam', 'tidak bisa diakses', 'tidak dapat diakses', 'offline', 'sedang down']]]),
  ...rules('category', 'Network', 'en', [[0.6, ['network', 'vpn', 'router', 'wifi', 'wi-fi', 'wireless', 'lan', 'dns', 'switch', 'firewall', 'bandwidth', 'latency', 'isp']]]),
  ...rules('category', 'Network', 'id', [[0.6, ['jaringan', 'internet', 'sinyal', 'vpn', 'router']]]),
  ...rules('category', 'Connectivity', 'en', [[0.55, ['connectivity', 'connection', 'disconnect*', 'cannot connect', 'unable to connect', 'lost connection', 'connection lost']]]),
  ...rules('category', 'Connectivity', 'id', [[0.55, ['koneksi', 'terputus', 'tidak terhubung', 'sambungan']]]),
  ...rules('category', 'Hardware', 'en', [[0.55, ['hardware', 'printer', 'laptop', 'monitor', 'keyboard', 'mouse', 'battery', 'hard drive', 'disk', 'headset', 'docking station']]]),
  ...rules('category', 'Hardware', 'id', [[0.55, ['perangkat keras', 'baterai', 'layar', 'printer', 'laptop', 'pencetak']]]),
  ...rules('category', 'Billing', 'en', [[0.65, ['billing', 'invoice*', 'payment*', 'charge', 'charges', 'charged', 'overcharged', 'refund*', 'subscription fee', 'receipt']]]),
  ...rules('category', 'Billing', 'id', [[0.65, ['tagihan', 'pembayaran', 'faktur', 'ditagih', 'biaya', 'pengembalian dana']]]),
  ...rules('category', 'Account', 'en', [[0.55, ['account', 'login', 'log in', 'sign in', 'password', 'locked out', 'two-factor', '2fa', 'mfa', 'sso']]]),
  ...rules('category', 'Account', 'id', [[0.55, ['akun', 'kata sandi', 'masuk', 'terkunci', 'login']]]),
  ...rules('category', 'Security', 'en', [[0.65, ['security', 'breach', 'phishing', 'malware', 'virus', 'ransomware', 'unauthorized', 'unauthorised', 'hacked', 'suspicious']]]),
  ...rules('category', 'Security', 'id', [[0.65, ['keamanan', 'peretasan', 'diretas', 'virus', 'pembobolan', 'mencurigakan']]]),
  ...rules('category', 'Compatibility', 'en', [[0.6, ['compatible', 'compatibility', 'incompatible', 'incompatibility', 'not supported', 'integration with']]]),
  ...rules('category', 'Compatibility', 'id', [[0.6, ['kompatibel', 'kompatibilitas', 'tidak cocok', 'tidak didukung']]]),
  ...rules('category', 'Bug', 'en', [[0.55, ['bug', 'crash', 'crashes', 'crashed', 'glitch', 'exception', 'error message', 'defect']]]),
  ...rules('category', 'Bug', 'id', [[0.55, ['bug', 'galat', 'crash', 'macet', 'hang']]]),
  ...rules('category', 'Configuration', 'en', [[0.5, ['configuration', 'configure', 'misconfigured', 'settings', 'setup']]]),
  ...rules('category', 'Configuration', 'id', [[0.5, ['konfigurasi', 'pengaturan', 'setelan']]]),
  ...rules('category', 'Documentation', 'en', [[0.55, ['documentation', 'user guide', 'manual', 'guide', 'knowledge base', 'tutorial*']]]),
  ...rules('category', 'Documentation', 'id', [[0.55, ['dokumentasi', 'panduan', 'buku panduan', 'petunjuk']]]),
  ...rules('category', 'Maintenance', 'en', [[0.6, ['maintenance', 'scheduled downtime', 'maintenance window', 'patching']]]),
  ...rules('category', 'Maintenance', 'id', [[0.6, ['pemeliharaan', 'perawatan', 'perbaikan terjadwal']]]),
  ...rules('category', 'Inquiry', 'en', [[0.5, ['inquiry', 'enquiry', 'question about', 'information about', 'information regarding']]]),
  ...rules('category', 'Inquiry', 'id', [[0.5, ['pertanyaan', 'menanyakan', 'informasi mengenai']]]),
  ...rules('category', 'Feature', 'en', [[0.55, ['feature request', 'new feature', 'enhancement', 'would be great if']]]),
  ...rules('category', 'Feature', 'id', [[0.55, ['fitur baru', 'permintaan fitur', 'penambahan fitur']]]),
  ...rules('category', 'Compliance', 'en', [[0.6, ['compliance', 'audit', 'gdpr', 'hipaa', 'regulation', 'regulatory']]]),
  ...rules('category', 'Compliance', 'id', [[0.6, ['kepatuhan', 'audit', 'regulasi']]]),
  ...rules('category', 'Request', 'en', [[0.55, ['access request', 'request access', 'new starter', 'new account', 'please create', 'please prepare']]]),
  ...rules('category', 'Request', 'id', [[0.55, ['permintaan akses', 'karyawan baru', 'akun baru', 'mohon dibuatkan']]]),
  ...rules('category', 'Performance', 'en', [[0.55, ['slow', 'slowness', 'performance', 'latency', 'lag', 'timeout', 'timeouts']]]),
  ...rules('category', 'Performance', 'id', [[0.55, ['lambat', 'lemot', 'kinerja', 'performa']]]),
];
