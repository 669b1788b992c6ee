import type { Messages } from './id.ts';

/** English strings of the TPP simulation pages (same keys as id-tpp-simulation.ts). */
export const enTppSimulation: Messages['tppSimulation'] = {
  title: 'simulation',
};
