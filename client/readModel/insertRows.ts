import type Database from 'better-sqlite3';

/** Rows per INSERT at most: far below SQLite's limit on bound values, whatever the columns. */
const ROWS_PER_INSERT = 64;

/**
 * Inserts rows into `table` a few statements at a time instead of one per row (a case's
 * pending decisions, a round's ECQ tally): one statement is prepared per row count met.
 */
export const rowInserter = (db: Database.Database, table: string, columns: readonly string[]) => {
  const statements = new Map<number, Database.Statement>();
  const statementFor = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
      statements.set(rows, statement);
    }
    return statement;
  };
  return (rows: readonly (readonly unknown[])[]): void => {
    for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
      const chunk = rows.slice(from, from + ROWS_PER_INSERT);
      statementFor(chunk.length).run(chunk.flat());
    }
  };
};
