import noBlockingCallInAsync from './no-blocking-call-in-async.js';
import noLazyRelation from './no-lazy-relation.js';
import noOuterClientInTransaction from './no-outer-client-in-transaction.js';
import noPoolPerRequest from './no-pool-per-request.js';
import noQueryInLoop from './no-query-in-loop.js';
import noUnloadedRelationAccess from './no-unloaded-relation-access.js';
import noUnrelatedAwaitInTransaction from './no-unrelated-await-in-transaction.js';
import requirePoolLimits from './require-pool-limits.js';
import requireTransactionOption from './require-transaction-option.js';

/** Every rule of the plugin, by id. */
export const rules = {
  'no-blocking-call-in-async': noBlockingCallInAsync,
  'no-lazy-relation': noLazyRelation,
  'no-outer-client-in-transaction': noOuterClientInTransaction,
  'no-pool-per-request': noPoolPerRequest,
  'no-query-in-loop': noQueryInLoop,
  'no-unloaded-relation-access': noUnloadedRelationAccess,
  'no-unrelated-await-in-transaction': noUnrelatedAwaitInTransaction,
  'require-pool-limits': requirePoolLimits,
  'require-transaction-option': requireTransactionOption,
};
