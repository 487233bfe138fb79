/** Severities a rule can be set to in config, and the CI gate thresholds. */
export const SEVERITY_VALUES = ['error', 'warning', 'info'] as const;
export const RULE_LEVEL_VALUES = ['off', ...SEVERITY_VALUES] as const;
export const FAIL_ON_VALUES = [...SEVERITY_VALUES, 'never'] as const;
