/**
 * Small text steps shared by the intake parsers.
 *
 * - `foldWidth`: Unicode NFKC, so full-width digits, letters, parentheses and the ideographic space
 *   (`９１３２`, `（`, `　`) become their ASCII forms. Chinese characters are unchanged.
 * - `stripControlChars`: removes C0/C1 control characters (except tab and line breaks), zero-width
 *   characters and the BOM, which arrive with copy-paste from Word, WeChat or Excel and break searching.
 * - `cleanText`: both of the above plus trimming; used for every free-text field of a lead.
 */

// C0 controls except \t \n \r, DEL, C1 controls, zero-width space/joiners, word joiner, BOM, bidi overrides.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function foldWidth(s: string): string {
  return s.normalize('NFKC');
}

export function stripControlChars(s: string): string {
  return s.replace(CONTROL, '');
}

/** Strip control characters, normalize line breaks to `\n`, trim. Keeps the text otherwise as typed. */
export function cleanText(s: string): string {
  return stripControlChars(s).replace(/\r\n?/g, '\n').trim();
}

/** For one-line fields (names, phone numbers): also collapse any whitespace run to one space. */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ');
}
