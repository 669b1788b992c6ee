/** Indonesian strings of the TPP simulation pages (key `tppSimulation`; en-tpp-simulation.ts has the same keys). */
export const idTppSimulation = {
  title: 'simulation',
} as const;
