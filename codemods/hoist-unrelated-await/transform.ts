/** `hoist-unrelated-await` as a jscodeshift transform (the default export); what it does: docs/codemods/hoist-unrelated-await.md. */
import { codemodTransform } from '../transform.js';

export default codemodTransform('hoist-unrelated-await');
