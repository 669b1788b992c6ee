import { fuzzSuite } from './fuzz-harness.ts';

// Shard 3 of 3 of the fuzz test of every route (test/security/fuzz-harness.ts).
fuzzSuite(3, 3);
