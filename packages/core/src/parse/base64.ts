// Base64 check for BinaryEquals condition values (standard alphabet, padded).

/** Standard base64: groups of four, optional final group padded with `=`. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when `text` is non-empty, padded, standard-alphabet base64 (the form BinaryEquals compares). */
export function isValidBase64(text: string): boolean {
  return text.length > 0 && BASE64.test(text);
}
