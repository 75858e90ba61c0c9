/**
 * Rule-wide behaviour: argument positions, suggestions and their limits, options.
 * Per-library forms and lookalikes are in tests/libraries/<library>.test.ts.
 */
import rule from './require-transaction-option.js';
import { untypedTester } from '../tests/rule-tester.js';

const header = `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
class Book extends Model {}
`;

const inTransaction = (body: string): string =>
  `${header}await sequelize.transaction(async (t) => {\n  ${body}\n});`;

untypedTester().run('require-transaction-option (positions and suggestions)', rule, {
  valid: [
    inTransaction('await Book.findAll({ where: { id: 1 }, transaction: t });'),
    inTransaction('await Book.update({ stock: 0 }, { where: { id: 1 }, transaction: t });'),
    inTransaction("await Book.findByPk(1, { transaction: t });"),
    // Options built elsewhere, or spread: not provably missing.
    inTransaction('await Book.findAll(options);'),
    inTransaction('await Book.findAll({ ...options });'),
    // `build` runs no query.
    inTransaction('Book.build({ title: "x" });'),
    // After the transaction.
    `${header}await sequelize.transaction(async (t) => Book.findAll({ transaction: t }));\nawait Book.findAll();`,
    // Other libraries only when asked.
    { code: inTransaction('await Book.findAll();'), options: [{ libraries: ['typeorm'] }] },
  ],
  invalid: [
    {
      code: inTransaction('await Book.findAll();'),
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'Book.findAll()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'first' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 21,
          suggestions: [{ messageId: 'addTransaction', data: { handle: 't' }, output: inTransaction('await Book.findAll({ transaction: t });') }],
        },
      ],
    },
    {
      // The options object is the second argument of update: it is added there.
      code: inTransaction('await Book.update({ stock: 0 }, { where: { id: 1 } });'),
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'Book.update()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' },
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'addTransaction',
              output: inTransaction('await Book.update({ stock: 0 }, { where: { id: 1 }, transaction: t });'),
            },
          ],
        },
      ],
    },
    {
      code: inTransaction('await Book.findByPk(1);'),
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'Book.findByPk()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' },
          suggestions: [{ messageId: 'addTransaction', output: inTransaction('await Book.findByPk(1, { transaction: t });') }],
        },
      ],
    },
    {
      // Given in the values argument, where create does not read it.
      code: inTransaction("await Book.create({ title: 'x', transaction: t });"),
      errors: [
        {
          messageId: 'transactionOptionInWrongArgument',
          data: { call: 'Book.create()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    {
      // A missing argument before the options one: reported without a suggestion.
      code: inTransaction("await Book.aggregate('price');"),
      errors: [{ messageId: 'missingTransactionOption', data: { call: 'Book.aggregate()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'third' }, suggestions: [] }],
    },
    {
      // A transaction callback without a handle parameter: reported, nothing to suggest.
      code: `${header}await sequelize.transaction(async () => {\n  await Book.findAll();\n});`,
      errors: [{ messageId: 'missingTransactionOption', line: 5, suggestions: [] }],
    },
    {
      // A handle shadowed at the query: the suggestion would bind the wrong value, so none.
      code: inTransaction('await [1].map((t) => Book.findAll({ where: { id: t } }));'),
      errors: [{ messageId: 'missingTransactionOption', line: 5, suggestions: [] }],
    },
  ],
});
