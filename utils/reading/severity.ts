/**
 * How much a finding asks of the user, and its colour: the marks on the page
 * (badges and underlines) and the panel's legend use the same three.
 */
export type Severity = 'problem' | 'warning' | 'note';

export const SEVERITY_COLORS: Record<Severity, string> = { problem: '#c62828', warning: '#b26a00', note: '#1565c0' };
