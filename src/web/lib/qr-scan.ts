import type jsQRType from 'jsqr';
import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';

type JsQr = typeof jsQRType.default;
let decoder: Promise<JsQr> | null = null;

/** jsQR, loaded on first use only (the selfie path of cheap phones never parses it). */
function loadDecoder(): Promise<JsQr> {
  // jsqr is CommonJS with an ES-style `export default` in its types: unwrap whichever shape the bundler gives.
  decoder ??= import('jsqr').then(
    (m) => (m as unknown as { default?: JsQr }).default ?? (m as unknown as JsQr),
  );
  return decoder;
}

/**
 * Reads QR codes from a playing <video> with jsQR, a few times a second on a down-scaled frame (cheap
 * phones), and reports each new text once.
 */
export function useQrScanner(
  videoRef: RefObject<HTMLVideoElement | null>,
  active: boolean,
  onCode: (text: string) => void,
): void {
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!active) return;
    let jsQR: JsQr | null = null;
    let cancelled = false;
    void loadDecoder().then((d) => {
      if (!cancelled) jsQR = d;
    });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = '';
    const timer = window.setInterval(() => {
      const video = videoRef.current;
      if (!jsQR || !context || !video || video.readyState < 2 || video.videoWidth === 0) return;
      const scale = Math.min(1, 480 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      if (found?.data && found.data !== last) {
        last = found.data;
        onCodeRef.current(found.data);
      }
    }, 250);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [active, videoRef]);
}
