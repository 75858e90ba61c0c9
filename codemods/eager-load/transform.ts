/** `eager-load` as a jscodeshift transform (the default export); what it does: docs/codemods/eager-load.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('eager-load');
