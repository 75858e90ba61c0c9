/** `sync-to-async` as a jscodeshift transform (the default export); what it does: docs/codemods/sync-to-async.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('sync-to-async');
