/**
 * `attachment` with the file's name for every browser: an ASCII fallback in `filename` and the UTF-8 name in
 * `filename*` (RFC 5987/6266; encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow).
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
