// Prepared statements for SQL built at run time, prepared once per distinct text.
import type Database from 'better-sqlite3';

/** A function returning the prepared statement for `sql`, preparing it on first use. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
