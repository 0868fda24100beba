/**
 * The Gold SQL is @goldboard/gold-sql's (written once, rendered for DuckDB here); the build's
 * stages read it through this module.
 */
export { sqlString, sqlText, statements } from '@goldboard/gold-sql';
