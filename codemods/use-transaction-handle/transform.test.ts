import { describeFixtures } from '../../tests/codemods/fixtures.js';
import transform from './transform.js';

describeFixtures('use-transaction-handle', transform);
