/**
 * A small ITSM synonym map. Each concept lists the words and short phrases that name it in the
 * five languages of the data; the analyzer turns any of them into one term (`~update`), so that
 * "router firmware update" and "router upgrade", or "VPN drops" and "loses its connection",
 * share terms although they share few words.
 *
 * Phrases are matched on stems, skipping stop words between their words ("loses its connection",
 * "connection was lost"); `!` stands for any negation (not, cannot, unable, nicht, no, pas, não).
 * Words are stemmed by every stemmer when the map is built, so a German word in an English ticket
 * still maps.
 *
 * Limits: a concept merges words that differ in detail (error, failure and crash are one term);
 * a word with another sense maps anyway ("drop" in "drop-down list"); and paraphrases that share
 * neither words nor listed concepts ("telemedicine" for "VPN") still do not meet.
 */
export interface Concept {
  /** The term the concept becomes; shown in evidence as the words that were seen. */
  term: string;
  words: string[];
  /** Multi-word phrases, space-separated; `!` is a negation. */
  phrases?: string[];
}

export const ITSM_CONCEPTS: Concept[] = [
  {
    term: '~update',
    words: ['update', 'updated', 'updates', 'upgrade', 'upgraded', 'patch', 'patched', 'rollout', 'aktualisierung', 'aktualisiert',
      'actualizacion', 'actualizar', 'actualisation', 'atualizacao', 'atualizar'],
    phrases: ['mise a jour', 'mise jour'],
  },
  {
    term: '~connection-failure',
    words: ['disconnect', 'disconnects', 'disconnected', 'disconnection', 'drop', 'drops', 'dropped', 'dropping', 'dropout',
      'verbindungsabbruch', 'getrennt', 'desconexion', 'desconectado', 'deconnexion', 'deconnecte', 'desconexao', 'desconectado'],
    phrases: ['lose connection', 'lost connection', 'losing connection', 'connection lost', 'connection lose', 'connection drop',
      'connection fail', 'connection failure', 'connection error', 'connection interrupt', '! connect', 'no connection',
      'verbindung abgebrochen', 'verbindung verloren', 'verbindung unterbrochen', 'keine verbindung', 'verbindung !',
      'perdida conexion', 'sin conexion', 'perte connexion', 'perda conexao', 'sem conexao'],
  },
  {
    term: '~connection',
    words: ['connect', 'connection', 'connections', 'connectivity', 'connected', 'connecting', 'verbindung', 'verbinden',
      'konnektivitat', 'conexion', 'conectar', 'conectividad', 'connexion', 'connecter', 'connectivite', 'conexao', 'conectividade'],
  },
  {
    term: '~outage',
    words: ['outage', 'down', 'offline', 'unavailable', 'unreachable', 'inaccessible', 'disruption', 'interruption', 'downtime',
      'ausfall', 'ausgefallen', 'storung', 'unterbrechung', 'caida', 'interrupcion', 'panne', 'indisponible', 'indisponivel',
      'queda', 'interrupcao'],
    phrases: ['not available', 'not accessible', '! reach', '! access', 'nicht erreichbar', 'nicht verfugbar',
      'no disponible', 'fuera servicio', 'hors service', 'fora ar'],
  },
  {
    term: '~slow',
    words: ['slow', 'slowly', 'slowness', 'sluggish', 'lag', 'lagging', 'latency', 'langsam', 'verzogerung', 'lento', 'lentitud',
      'lent', 'lenteur', 'lentidao'],
    phrases: ['slow down', 'takes long', 'taking long'],
  },
  {
    term: '~timeout',
    words: ['timeout', 'timeouts', 'zeituberschreitung'],
    phrases: ['time out', 'timed out', 'timing out'],
  },
  {
    term: '~failure',
    words: ['fail', 'fails', 'failed', 'failing', 'failure', 'error', 'errors', 'crash', 'crashes', 'crashed', 'broken',
      'malfunction', 'faulty', 'fehler', 'fehlgeschlagen', 'absturz', 'abgesturzt', 'defekt', 'falla', 'fallo', 'erreur',
      'echec', 'plantage', 'erro', 'falha'],
    phrases: ['! work', 'stopped working', 'stop working', 'funktioniert !', '! funktioniert', 'no funciona', 'ne fonctionne',
      '! fonctionne', 'nao funciona', '! funciona'],
  },
  {
    term: '~login',
    words: ['login', 'logon', 'signin', 'authentication', 'authenticate', 'anmeldung', 'anmelden', 'einloggen'],
    phrases: ['log in', 'sign in', 'log on', 'iniciar sesion', 'inicio sesion'],
  },
  { term: '~password', words: ['password', 'passwords', 'passcode', 'passwort', 'kennwort', 'contrasena', 'senha'], phrases: ['mot passe'] },
  {
    term: '~printer',
    words: ['printer', 'printers', 'print', 'printing', 'drucker', 'drucken', 'impresora', 'imprimir', 'imprimante', 'imprimer',
      'impressora'],
  },
  { term: '~wifi', words: ['wifi', 'wireless', 'wlan'] },
  { term: '~network', words: ['network', 'networks', 'lan', 'netzwerk', 'netz', 'red', 'reseau', 'rede'] },
  { term: '~email', words: ['email', 'emails', 'mail', 'mailbox', 'correo', 'courriel'] },
  {
    term: '~restart',
    words: ['restart', 'restarted', 'reboot', 'rebooted', 'neustart', 'reiniciar', 'reinicio', 'redemarrer', 'redemarrage'],
    phrases: ['power cycle', 'neu starten'],
  },
  {
    term: '~install',
    words: ['install', 'installed', 'installation', 'installieren', 'instalar', 'instalacion', 'installer', 'instalacao'],
  },
  {
    term: '~invoice',
    words: ['invoice', 'invoices', 'bill', 'billing', 'rechnung', 'abrechnung', 'factura', 'facturacion', 'facture',
      'facturation', 'fatura', 'faturamento'],
  },
  { term: '~payment', words: ['payment', 'payments', 'pay', 'paid', 'zahlung', 'bezahlung', 'pago', 'paiement', 'pagamento'] },
  { term: '~account', words: ['account', 'accounts', 'konto', 'cuenta', 'compte', 'conta'] },
  { term: '~data', words: ['data', 'daten', 'datos', 'donnees', 'dados'] },
  {
    term: '~breach',
    words: ['breach', 'intrusion', 'hacked', 'compromised', 'sicherheitsvorfall', 'violacao'],
    phrases: ['security incident', 'brecha seguridad'],
  },
  {
    term: '~computer',
    words: ['computer', 'pc', 'workstation', 'desktop', 'laptop', 'notebook', 'rechner', 'ordenador', 'computadora', 'portatil',
      'ordinateur', 'computador'],
  },
  { term: '~telemedicine', words: ['telemedicine', 'telehealth', 'teleconsultation', 'telemedizin', 'telemedicina', 'telemedecine'] },
  { term: '~router', words: ['router', 'routers', 'routeur', 'roteador', 'enrutador'] },
  { term: '~server', words: ['server', 'servers', 'servidor', 'serveur'] },
  { term: '~database', words: ['database', 'databases', 'db', 'datenbank'], phrases: ['base datos', 'base donnees', 'banco dados'] },
  { term: '~app', words: ['app', 'apps', 'application', 'applications', 'anwendung', 'aplicacion', 'aplicativo', 'aplicacao'] },
  { term: '~screen', words: ['monitor', 'display', 'screen', 'bildschirm', 'pantalla', 'ecran', 'tela'] },
  { term: '~access', words: ['access', 'accessing', 'zugriff', 'zugang', 'acceso', 'acces', 'acesso'] },
];
