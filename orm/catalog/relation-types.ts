/**
 * The shape of a library's relation knowledge (`LibraryCatalog.relations`): how an entity declares
 * its relations, which queries load which of them, and what reading an unloaded one does. Kept
 * apart from the kind graph of `types.ts`, which says what objects are; this says what their rows
 * hold.
 */

/** One entity holds one related row, or a list of them. */
export type RelationCardinality = 'one' | 'many';

/** Relation decorators on class properties (`@ManyToOne(() => User, { eager: true })`). */
export interface RelationDecorators {
  /** Decorator name (as exported by one of the library's packages) → cardinality. */
  readonly names: Readonly<Record<string, RelationCardinality>>;
  /** Option of the decorator's options object that loads the relation with every find. */
  readonly eagerOption?: string;
  /** Option that makes the property a lazy loader (TypeORM `lazy: true`). */
  readonly lazyOption?: string;
  /** A property typed `Promise<T>` is a lazy loader (TypeORM). */
  readonly promiseTypeIsLazy?: boolean;
}

/** Relations listed in an entity schema object (`new EntitySchema({ relations: { author: {...} } })`). */
export interface RelationSchema {
  /** Export of the library that makes the schema (`EntitySchema`), called with `new`. */
  readonly constructor: string;
  /** Property of the schema's options holding the relations (or every property, relations among them). */
  readonly property: string;
  /**
   * When the property holds columns too: the key of an entry that makes it a relation and its
   * values (MikroORM `kind: 'm:n'`). Absent: every entry is a relation.
   */
  readonly marker?: { readonly key: string; readonly values: Readonly<Record<string, RelationCardinality>> };
  /** Key of an entry giving its cardinality when every entry is a relation (TypeORM `type: 'one-to-many'`). */
  readonly typeKey?: string;
  readonly typeValues?: Readonly<Record<string, RelationCardinality>>;
}

/** Associations declared by calling a method on the model class (`Book.hasMany(Author, { as: 'authors' })`). */
export interface RelationAssociations {
  /** Method → cardinality. */
  readonly methods: Readonly<Record<string, RelationCardinality>>;
  /** Option of the second argument naming the association (the property it fills). */
  readonly aliasOption: string;
  /**
   * Words in the model's module that give every query a default eager load (Sequelize
   * `defaultScope`): with one present, what a query loads is not known.
   */
  readonly defaultLoads?: readonly string[];
}

/** A query method that loads rows of an entity and, through one option, their relations. */
export interface LoadingMethod {
  /** Index of the argument naming the entity (`em.find(Book, …)`); absent: the receiver's entity. */
  readonly entityArgument?: number;
  /** Index of the options argument; -1 when the method takes none (`findBy(where)`: nothing loaded but eager relations). */
  readonly options: number;
  /**
   * What the awaited result holds: one row, a list, a list under a property (`{ rows }`), or a
   * list as the first element of a tuple (`[rows, count]`).
   */
  readonly result: 'one' | 'many' | { readonly property: string } | { readonly tupleIndex: number };
  /**
   * The method counts the rows too, and a joined list relation multiplies the count unless this
   * option is `true` (Sequelize `findAndCountAll` and `distinct`): no suggestion adds a list
   * relation without it.
   */
  readonly countsJoinedRowsUnless?: string;
}

/** How a library's queries say which relations to load, and how the rule words the fix. */
export interface RelationLoading {
  /** Kind (of the library's kind graph) → its loading query methods. */
  readonly kinds: Readonly<Record<string, Readonly<Record<string, LoadingMethod>>>>;
  /**
   * Kinds whose entity is the one they were made for (`dataSource.getRepository(Book)`,
   * `@InjectRepository(Book)`), not the receiver itself (`Book.find()`) nor an argument.
   */
  readonly repositoryKinds?: readonly string[];
  /** Option naming the relations to load (`relations`, `include`, `populate`). */
  readonly option: string;
  /** How that option names relations. */
  readonly style: 'typeorm-relations' | 'sequelize-include' | 'mikro-populate';
  /** Other options whose presence makes the loaded set unknown (`loadRelationIds`, `raw`). */
  readonly unknownWith?: readonly string[];
  /** The eager form for messages, with `{relation}` for the relation's name. */
  readonly eagerForm: string;
  /** Query builders whose chain names the relations they load. */
  readonly builders?: RelationBuilders;
  /** How a suggestion adds a relation to a query's eager-load option; absent: none is offered. */
  readonly addition?: RelationAddition;
}

/**
 * The entries a suggestion writes to load one more relation. `{string}` is the relation's name
 * as a string literal (in the quotes the option's other strings use), `{key}` as a property key.
 */
export interface RelationAddition {
  /** An entry of the option's array (`'author'`, `{ association: 'author' }`). */
  readonly arrayEntry: string;
  /** A property of the option's object of relation names (TypeORM `{ author: true }`); absent: an object value is one entry. */
  readonly objectEntry?: string;
  /**
   * The option also takes a single entry (a string, an include object): that value becomes an
   * array of itself and the new entry.
   */
  readonly wrapsSingle: boolean;
  /**
   * Options with which the query would not be the same query plus one relation (a partial
   * select, grouping, row locks that outer joins break): no suggestion then.
   */
  readonly notWith: readonly string[];
}

/**
 * A query builder whose chain says what it loads (TypeORM
 * `repo.createQueryBuilder('book').leftJoinAndSelect('book.author', 'author').getMany()`). Only a
 * chain written as one expression is read: a builder kept in a variable is changed in place by
 * calls elsewhere, so what it loads is not known.
 */
export interface RelationBuilders {
  /**
   * Kind (of the kind graph) → the method that starts a builder on it, and where its arguments
   * name the entity (absent: the receiver's or the repository's entity) and the root alias.
   */
  readonly starts: Readonly<Record<string, { readonly method: string; readonly entityArgument?: number; readonly aliasArgument: number }>>;
  /** Methods that run the builder → what their awaited result holds. */
  readonly results: Readonly<Record<string, LoadingMethod['result']>>;
  /** Methods that load the relation their first argument names as `'<alias>.<relation>'`. */
  readonly loads: readonly string[];
  /** Methods that leave what is loaded as it is (filters, order, paging, joins without select). */
  readonly keeps: readonly string[];
  /** The eager form for messages, with `{alias}` and `{relation}`. */
  readonly eagerForm: string;
}

/** What reading an unloaded relation gives, and which reads the rule reports. */
export interface UnloadedRead {
  /**
   * `undefined`: the property is missing (TypeORM, Sequelize): every read is reported.
   * `throws`: the property holds an uninitialised collection whose items throw on read (MikroORM):
   * only reads of the items are reported, and only of `many` relations.
   */
  readonly behaviour: 'undefined' | 'throws';
  /** With `throws`: members of the collection that read its items (`getItems`, `length`). */
  readonly itemReads?: readonly string[];
  /**
   * Calls that load relations of rows already fetched (`em.populate(rows, …)`, `collection.init()`):
   * a row passed to, or reached by, one of them is left alone.
   */
  readonly loaders?: readonly string[];
}

export interface RelationCatalog {
  readonly decorators?: RelationDecorators;
  readonly schemas?: readonly RelationSchema[];
  readonly associations?: RelationAssociations;
  readonly loading: RelationLoading;
  readonly unloaded: UnloadedRead;
}
