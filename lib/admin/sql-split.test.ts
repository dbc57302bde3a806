import { describe, expect, it } from 'vitest'
import { SqlSplitter, SqlSplitError, isTransactionControl, splitSql, stripLeadingComments } from './sql-split'

describe('splitSql', () => {
  it.each([
    ['plain statements', 'SELECT 1; SELECT 2;', ['SELECT 1;', 'SELECT 2;']],
    ['semicolons in strings', "INSERT INTO t VALUES ('a;b', 'it''s; fine');", ["INSERT INTO t VALUES ('a;b', 'it''s; fine');"]],
    ['backslashes in standard strings', "SELECT '\\'; SELECT 2;", ["SELECT '\\';", 'SELECT 2;']],
    ['escape strings', "SELECT E'a\\';b'; SELECT 2;", ["SELECT E'a\\';b';", 'SELECT 2;']],
    ['quoted identifiers', 'SELECT 1 AS "x;""y"; SELECT 2;', ['SELECT 1 AS "x;""y";', 'SELECT 2;']],
    ['dollar-quoted bodies', 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT 2;', ['CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;', 'SELECT 2;']],
    ['tagged dollar quotes', "SELECT $body$ a $$ ; b $body$; SELECT 'x';", ['SELECT $body$ a $$ ; b $body$;', "SELECT 'x';"]],
    ['comments', "-- a; comment\nSELECT 1; /* b; /* nested; */ c; */ SELECT 2;", ['-- a; comment\nSELECT 1;', '/* b; /* nested; */ c; */ SELECT 2;']],
    ['a last statement without semicolon', 'SELECT 1; SELECT 2', ['SELECT 1;', 'SELECT 2']],
    ['empty statements and trailing comments', ';; SELECT 1; -- end\n', ['SELECT 1;']],
    ['identifiers with dollar signs', 'SELECT a$b$c FROM t; SELECT $1;', ['SELECT a$b$c FROM t;', 'SELECT $1;']],
  ])('handles %s', (_name, sql, expected) => {
    expect(splitSql(sql)).toEqual(expected)
  })

  it('gives the same statements whatever the chunk boundaries', () => {
    const sql =
      "SET x = on;\nINSERT INTO t VALUES ('a''b;c', E'\\\\'';', '{\"k\":\"v;\"}'), (NULL, 'ü;€', '');\n" +
      'CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN RAISE EXCEPTION \'no;\'; END; $fn$ LANGUAGE plpgsql;\n' +
      '-- comment; here\nSELECT 1 AS "a;b";\n'.repeat(3) +
      "INSERT INTO t VALUES ('" + 'x'.repeat(500) + "');"
    const whole = splitSql(sql)
    expect(whole).toHaveLength(7)
    for (const size of [1, 2, 3, 7, 64, 161, 1000]) {
      const s = new SqlSplitter()
      const got: string[] = []
      for (let i = 0; i < sql.length; i += size) got.push(...s.push(sql.slice(i, i + size)))
      got.push(...s.end())
      expect(got, `chunk size ${size}`).toEqual(whole)
    }
  })

  it('refuses unterminated input and psql meta-commands', () => {
    expect(() => splitSql("SELECT 'open")).toThrow(SqlSplitError)
    expect(() => splitSql('SELECT $$ open')).toThrow(/quoted body/)
    expect(() => splitSql('\\connect other\nSELECT 1;')).toThrow(/meta-commands/)
  })
})

describe('transaction control', () => {
  it('recognises the statements a restore replaces with its own transaction', () => {
    expect(isTransactionControl('BEGIN;')).toBe(true)
    expect(isTransactionControl('-- start\nBEGIN ISOLATION LEVEL SERIALIZABLE;')).toBe(true)
    expect(isTransactionControl('COMMIT;')).toBe(true)
    expect(isTransactionControl('BEGIN ATOMIC SELECT 1; END;')).toBe(false)
    expect(isTransactionControl('CREATE FUNCTION f() AS $$ BEGIN END; $$;')).toBe(false)
    expect(stripLeadingComments('-- a\n/* b */\n  SELECT 1;')).toBe('SELECT 1;')
  })
})
