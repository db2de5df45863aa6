import { preparedStatementNames } from './prepared-statements.js';

describe('preparedStatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const nameOf = preparedStatementNames();
    const select = nameOf({ sql: 'SELECT 1' });
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(select);
    expect(nameOf({ sql: 'SELECT 1' })).toBe(select);
  });

  it('leaves transaction control unnamed, however often it comes', () => {
    const nameOf = preparedStatementNames();
    for (const sql of ['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT prisma_sp_1', 'RELEASE SAVEPOINT prisma_sp_1', 'ROLLBACK TO SAVEPOINT prisma_sp_1', 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE']) {
      expect([nameOf({ sql }), nameOf({ sql })]).toEqual([undefined, undefined]);
    }
    expect(nameOf({ sql: 'BEGINNING' })).toBeDefined();
  });

  it('leaves texts past the limit unnamed, still naming the ones it knows', () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBeUndefined();
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });
});
