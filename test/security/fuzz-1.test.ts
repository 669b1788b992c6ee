import { fuzzSuite } from './fuzz-harness.ts';

// Shard 1 of 3 of the fuzz test of every route (test/security/fuzz-harness.ts).
fuzzSuite(1, 3);
