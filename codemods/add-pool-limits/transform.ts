/** `add-pool-limits` as a jscodeshift transform (the default export); what it does: docs/codemods/add-pool-limits.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('add-pool-limits');
