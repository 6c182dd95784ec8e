/** Priority: the Impact × Urgency classification and the escalation rules, as checks and edits. */
export * from './policy';
export * from './classify';
export * from './fixes';
