import { join, raw, sql } from '@prisma/client-runtime-utils';
import { sqlStatement } from './sql-statement.js';

const tagged = (strings: TemplateStringsArray, ...values: unknown[]) => sqlStatement(strings, values);

describe('sqlStatement', () => {
  it("numbers a tagged template's values as parameters, never putting them in the text", () => {
    expect(tagged`SELECT * FROM "Order" WHERE id = ${"1'; DROP TABLE x"}::uuid AND status = ${'PENDING'}`).toEqual({
      text: 'SELECT * FROM "Order" WHERE id = $1::uuid AND status = $2',
      values: ["1'; DROP TABLE x", 'PENDING'],
    });
  });

  it('takes a Prisma.sql fragment whole, and one nested among the values into the text, numbering on', () => {
    const locked = (skus: string[]) => sql`SELECT sku FROM "Product" WHERE sku = ANY(${skus}::text[]) FOR UPDATE`;
    expect(sqlStatement(locked(['A', 'B']))).toEqual({ text: 'SELECT sku FROM "Product" WHERE sku = ANY($1::text[]) FOR UPDATE', values: [['A', 'B']] });
    expect(tagged`WITH product AS (${locked(['A'])}) SELECT ${7}, ${join([1, 2])}, ${raw('"status"')}`).toEqual({
      text: 'WITH product AS (SELECT sku FROM "Product" WHERE sku = ANY($1::text[]) FOR UPDATE) SELECT $2, $3,$4, "status"',
      values: [['A'], 7, 1, 2],
    });
  });

  it('nests a fragment by its shape, whichever copy of the class made it', () => {
    const foreign = { strings: ['"status" = ', ''], values: ['SHIPPED'] };
    expect(tagged`UPDATE "Order" SET ${foreign} WHERE id = ${'o-1'}`).toEqual({
      text: 'UPDATE "Order" SET "status" = $1 WHERE id = $2',
      values: ['SHIPPED', 'o-1'],
    });
  });

  it('keeps arrays and objects as values', () => {
    expect(tagged`SELECT ${[1, 2]}::int[], ${{ a: 1 }}::jsonb`.values).toEqual([[1, 2], { a: 1 }]);
  });
});
