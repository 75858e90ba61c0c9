import { describeFixtures } from '../../tests/codemods/fixtures.js';
import transform from './transform.js';

describeFixtures('eager-load', transform);
