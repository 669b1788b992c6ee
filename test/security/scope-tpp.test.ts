import { TPP_ACCESS } from './access/tpp.ts';
import { scopeSuite } from './scope-harness.ts';

// The TPP module (/api/tpp): inputs and runs.
scopeSuite('tpp', TPP_ACCESS);
