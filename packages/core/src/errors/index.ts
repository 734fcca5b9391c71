export { AimaError, type AimaErrorOptions } from './aima-error.js';
export { ConfigError } from './config-error.js';
export { InvariantError } from './invariant-error.js';
export { ValidationError, type ValidationIssue } from './validation-error.js';
