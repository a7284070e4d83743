import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, CompiledQuery } from 'kysely';

type Query<Row> = Compilable<Row> | CompiledQuery<Row>;

function compiled<Row>(query: Query<Row>): CompiledQuery<Row> {
  return 'compile' in query ? query.compile() : query;
}

/**
 * Runs Kysely-built queries synchronously on better-sqlite3, with a statement cache, so that a
 * service's whole transaction is one synchronous block nothing else can interleave with.
 */
export class SqlRunner {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly sqlite: BetterSqlite3.Database) {}

  prepare(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.sqlite.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  all<Row>(query: Query<Row>): Row[] {
    const { sql, parameters } = compiled(query);
    return this.prepare(sql).all(...parameters) as Row[];
  }

  first<Row>(query: Query<Row>): Row | undefined {
    const { sql, parameters } = compiled(query);
    return this.prepare(sql).get(...parameters) as Row | undefined;
  }

  run(query: Query<unknown>): BetterSqlite3.RunResult {
    const { sql, parameters } = compiled(query);
    return this.prepare(sql).run(...parameters);
  }

  /** Runs `work` in one transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work)();
  }
}
