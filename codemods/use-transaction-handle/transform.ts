/** `use-transaction-handle` as a jscodeshift transform (the default export); what it does: docs/codemods/use-transaction-handle.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('use-transaction-handle');
