/** Colours of the statuses of indications and salary stops (badges and lists). */
export function indicationColor(status: string): string {
  switch (status) {
    case 'BARU':
      return 'yellow';
    case 'DIPROSES':
      return 'teal';
    default:
      return 'gray';
  }
}

export function salaryStopColor(status: string): string {
  switch (status) {
    case 'DILAPORKAN':
    case 'PENGAKTIFAN_DIAJUKAN':
      return 'yellow';
    case 'DIVERIFIKASI':
      return 'orange';
    case 'DIHENTIKAN':
      return 'red';
    case 'DIAKTIFKAN':
      return 'teal';
    default:
      return 'gray';
  }
}
