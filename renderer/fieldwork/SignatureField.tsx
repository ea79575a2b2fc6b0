/**
 * The customer's drawn signature (signature_pad on a canvas). The canvas is sized to its box and
 * the device's pixel ratio so strokes stay sharp; it reports whether anything is drawn, and hands
 * out the drawing as a PNG blob. Clearing is a real button, reachable from the keyboard.
 */
import SignaturePad from 'signature_pad';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

export type SignatureHandle = { toPng(): Promise<Blob | null>; clear(): void };

type Props = { ref: Ref<SignatureHandle>; label: string; describedBy: string | undefined; isInvalid: boolean; onChange: (hasSignature: boolean) => void };

export function SignatureField({ ref, label, describedBy, isInvalid, onChange }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(el, { backgroundColor: 'rgb(255, 255, 255)', penColor: 'rgb(20, 20, 20)' });
    p.addEventListener('endStroke', () => changed.current(!p.isEmpty()));
    pad.current = p;
    return () => {
      p.off();
      pad.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    toPng: () =>
      new Promise((done) => {
        const p = pad.current;
        if (!p || p.isEmpty() || !canvas.current) return done(null);
        canvas.current.toBlob((blob) => done(blob), 'image/png');
      }),
    clear: () => {
      pad.current?.clear();
      changed.current(false);
    },
  }));

  return (
    <div className="fw-signature">
      <canvas ref={canvas} role="img" aria-label={label} aria-describedby={describedBy} aria-invalid={isInvalid || undefined} className={isInvalid ? 'fw-pad fw-invalid' : 'fw-pad'} data-testid="signature-pad" />
      <button
        type="button"
        className="secondary small"
        onClick={() => {
          pad.current?.clear();
          changed.current(false);
        }}
      >
        {t('fieldwork.clearSignature')}
      </button>
    </div>
  );
}
