/** `hoist-pool` as a jscodeshift transform (the default export); what it does: docs/codemods/hoist-pool.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('hoist-pool');
