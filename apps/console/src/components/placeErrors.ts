import type { FormInstance } from 'antd';
import type { ApiError } from '../api';

/**
 * The server's field errors next to their fields (`fieldOf` names the form field of a detail, undefined when none fits),
 * scrolled to the first; returns what is left for the form's alert (undefined when every detail found its field).
 */
export function placeErrors(form: FormInstance, err: ApiError, fieldOf: (d: { field?: string; code?: string; message: string }) => (string | number)[] | undefined) {
  const placed = (err.details ?? []).flatMap((d) => {
    const name = fieldOf(d);
    return name ? [{ name, errors: [d.message] }] : [];
  });
  if (placed.length) {
    form.setFields(placed);
    form.scrollToField(placed[0]!.name, { block: 'center' });
  }
  return placed.length && placed.length === err.details?.length ? undefined : err.message;
}
