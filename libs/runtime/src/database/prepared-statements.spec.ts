import { preparedStatementNames } from './prepared-statements.js';

describe('preparedStatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const nameOf = preparedStatementNames();
    const select = nameOf({ sql: 'SELECT 1' });
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(select);
    expect(nameOf({ sql: 'SELECT 1' })).toBe(select);
  });

  it('leaves texts past the limit unnamed, still naming the ones it knows', () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBeUndefined();
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });

});
