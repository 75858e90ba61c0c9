import { describeFixtures } from '../../tests/codemods/fixtures.js';
import transform from './transform.js';

describeFixtures('add-pool-limits', transform);
