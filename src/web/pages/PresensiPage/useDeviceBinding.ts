import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { attendanceKeys, registerDevice, useMyDevices } from '../../api/attendance.ts';
import type { AttendanceToday, Device } from '../../api/attendance.ts';
import { getStoredDevice } from '../../lib/attendance-db.ts';
import type { StoredDevice } from '../../lib/attendance-db.ts';
import {
  createDeviceKey,
  defaultDeviceLabel,
  deviceBindingSupported,
  rememberDeviceId,
} from '../../lib/device-key.ts';

/**
 * Where this phone stands for the employee:
 * - `active` / `pending`: this phone's key is the registered device (pending = change awaiting admin OPD);
 * - `none`: nothing registered anywhere yet (the first phone becomes active at once);
 * - `other`: another phone is bound, so this one needs a change request with a reason;
 * - `rejected`: this phone's request was rejected or its binding revoked;
 * - `offline`: a key exists but the server could not be asked (punches are queued and judged later).
 */
export type BindingState =
  'loading' | 'unsupported' | 'active' | 'pending' | 'none' | 'other' | 'rejected' | 'offline';

export function useDeviceBinding(employeeId: string | null, today: AttendanceToday | undefined) {
  const queryClient = useQueryClient();
  const supported = deviceBindingSupported();
  const [local, setLocal] = useState<StoredDevice | null | undefined>(undefined);
  const [loadError, setLoadError] = useState(false);

  useEffect(() => {
    if (!employeeId || !supported) return;
    let cancelled = false;
    getStoredDevice(employeeId)
      .then((device) => !cancelled && setLocal(device ?? null))
      .catch(() => {
        if (!cancelled) {
          setLoadError(true);
          setLocal(null);
        }
      });
    return () => {
      cancelled = true;
    };
  }, [employeeId, supported]);

  const server: Device | null = today?.device ?? null;
  const localId = local?.deviceId ?? null;
  const mismatch = !!localId && !!today && !today.fromCache && server?.id !== localId;
  const mine = useMyDevices(mismatch);
  const ownRecord = mine.data?.find((d) => d.id === localId) ?? null;

  let state: BindingState;
  if (!supported || loadError) state = 'unsupported';
  else if (local === undefined || !today) state = 'loading';
  else if (localId && server?.id === localId) state = server.status === 'PENDING' ? 'pending' : 'active';
  else if (localId && today.fromCache) state = 'offline';
  else if (localId && mismatch && mine.isPending) state = 'loading';
  else if (localId && ownRecord?.status === 'ACTIVE') state = 'active';
  else if (localId && ownRecord?.status === 'PENDING') state = 'pending';
  else if (localId && (ownRecord?.status === 'REJECTED' || ownRecord?.status === 'REVOKED'))
    state = 'rejected';
  else if (server) state = 'other';
  else state = 'none';

  const register = useCallback(
    async (input: { label: string; reason?: string }) => {
      if (!employeeId) throw new Error('no employee');
      // A stored key never registered can be used; a registered one that is not accepted is replaced.
      const key = local && !local.deviceId ? local : await createDeviceKey(employeeId);
      const device = await registerDevice({
        publicKey: key.publicJwk,
        label: input.label.trim() || defaultDeviceLabel(),
        platform: navigator.userAgent.slice(0, 200),
        reason: input.reason?.trim() || undefined,
      });
      await rememberDeviceId(employeeId, device.id);
      setLocal({ ...key, deviceId: device.id });
      await queryClient.invalidateQueries({ queryKey: attendanceKeys.today(employeeId) });
      await queryClient.invalidateQueries({ queryKey: attendanceKeys.myDevices() });
      return device;
    },
    [employeeId, local, queryClient],
  );

  return { state, local: local ?? null, server, ownRecord, register };
}
