/**
 * no-lazy-relation: TypeORM relations declared lazy (`lazy: true` in the decorator or the schema,
 * a `Promise<T>` property), and what is not (eager and plain relations, `lazy` on another
 * library's or a local decorator, libraries without implicit lazy loading).
 */
import rule from './no-lazy-relation.js';
import { untypedTester } from '../tests/rule-tester.js';

const lazyData = (relation: string, entity: string, how: string) => ({
  library: 'TypeORM',
  relation,
  entity,
  how,
  eagerForm: `relations: ['${relation}']`,
});

untypedTester().run('no-lazy-relation', rule, {
  valid: [
    { name: 'plain and eager relations', code: "import { Entity, ManyToOne, OneToMany } from 'typeorm';\n@Entity()\nclass Book {\n  @ManyToOne(() => Author, { eager: true }) author: Author;\n  @OneToMany(() => Page, (p) => p.book, { lazy: false }) pages: Page[];\n}" },
    { name: 'a Promise-typed property without a relation decorator', code: "import { Column } from 'typeorm';\nclass Book {\n  @Column() title: Promise<string>;\n}" },
    { name: 'a local decorator named like TypeORM', code: "function ManyToOne(..._args) { return () => {}; }\nimport { Entity } from 'typeorm';\nclass Book {\n  @ManyToOne(() => Author, { lazy: true }) author: Promise<Author>;\n}" },
    { name: 'MikroORM has no implicit lazy relation', code: "import { ManyToOne } from '@mikro-orm/core';\nclass Book {\n  @ManyToOne(() => Author, { lazy: true }) author: Promise<Author>;\n}" },
    { name: 'a schema entry not lazy', code: "import { EntitySchema } from 'typeorm';\nnew EntitySchema({ name: 'Book', relations: { author: { type: 'many-to-one', target: 'Author', lazy: false } } });" },
    { name: 'other libraries only', code: "import { ManyToOne } from 'typeorm';\nclass Book {\n  @ManyToOne(() => Author, { lazy: true }) author: Author;\n}", options: [{ libraries: ['sequelize'] }] },
  ],
  invalid: [
    {
      name: 'TypeORM: lazy option and Promise type',
      code: "import { Entity, ManyToOne, OneToMany } from 'typeorm';\n@Entity()\nclass Book {\n  @ManyToOne(() => Author, (a) => a.books, { lazy: true }) author: Author;\n  @OneToMany(() => Page, (p) => p.book) pages: Promise<Page[]>;\n}",
      errors: [
        { messageId: 'lazyRelation', line: 4, column: 46, data: lazyData('author', 'Book', '`lazy: true`') },
        { messageId: 'lazyRelation', line: 5, column: 48, data: lazyData('pages', 'Book', 'typed `Promise<…>`') },
      ],
    },
    {
      name: 'TypeORM: namespace import, CommonJS',
      code: "const typeorm = require('typeorm');\nconst { OneToOne } = require('typeorm');\nclass Book {\n  @typeorm.ManyToMany(() => Tag) tags: Promise<Tag[]>;\n  @OneToOne(() => Cover, { lazy: true }) cover;\n}",
      errors: [
        { messageId: 'lazyRelation', line: 4, column: 40, data: lazyData('tags', 'Book', 'typed `Promise<…>`') },
        { messageId: 'lazyRelation', line: 5, column: 28, data: lazyData('cover', 'Book', '`lazy: true`') },
      ],
    },
    {
      name: 'TypeORM: EntitySchema lazy relation',
      code: "import { EntitySchema } from 'typeorm';\nexport const BookSchema = new EntitySchema({ name: 'Book', relations: { author: { type: 'many-to-one', target: 'Author', lazy: true } } });",
      errors: [{ messageId: 'lazyRelation', line: 2, column: 122, data: lazyData('author', 'Book', '`lazy: true`') }],
    },
  ],
});
