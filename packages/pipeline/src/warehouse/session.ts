/**
 * What the warehouse build needs of a SQL warehouse: run one statement with bound parameters
 * and get its rows and its id. The Databricks Statement Execution API client lives in
 * @goldboard/server (`warehouseSession`), and @goldboard/cli hands it to the build: the pipeline
 * does not import the server.
 */

/** A named parameter of the Statement Execution API: its value as text and its SQL type. */
export interface WarehouseParameter {
  readonly name: string;
  readonly value: string;
  readonly type: 'DATE' | 'INT' | 'STRING';
}

/** A finished statement: its id on the warehouse and its rows (values as the API gives them: text, numbers or null). */
export interface WarehouseAnswer {
  readonly statementId: string;
  readonly rows: unknown[][];
}

export interface WarehouseSession {
  /** Where unqualified table names resolve (the statements' default catalog and schema). */
  readonly catalog?: string | undefined;
  readonly schema?: string | undefined;
  /**
   * Runs a statement to its end. A failure is thrown; one of a statement the warehouse ran
   * carries its id as `statementId`. Aborting `signal` cancels the running statement.
   */
  execute(sql: string, parameters: readonly WarehouseParameter[], signal: AbortSignal): Promise<WarehouseAnswer>;
}
