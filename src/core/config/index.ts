export { CONFIG_FILES, loadConfig, mergeConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
export { validateConfig, type ValidateConfigOptions } from './validate-config.js';
export {
  BUILT_IN_CHECKLISTS,
  configSchema,
  DEFAULT_BASELINE,
  ruleSettingSchema,
  type PlumblineConfig,
  type PlumblineConfigInput,
  type RuleSetting,
} from './schema.js';
export { explainSectionSchema, type ExplainSection } from './explain-section.js';
export { githubSectionSchema, type GithubSection } from './github-section.js';
export { parseYamlSource, type YamlSource } from './yaml-source.js';
export { formatProblem, problemsError, type ConfigProblem } from './problems.js';
