package vn.danvan.text;

import java.nio.charset.Charset;
import java.text.Normalizer;

/**
 * Encodes text as Excel saves Vietnamese CSV in code page 1258: letters with circumflex, breve or
 * horn precomposed, tone marks as separate combining characters (the code page has no "ộ").
 */
public final class Windows1258 {

  private static final Charset CHARSET = Charset.forName("windows-1258");
  private static final String TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323";

  private Windows1258() {}

  /** The bytes of {@code text} in code page 1258. */
  public static byte[] encode(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder();
    StringBuilder letter = new StringBuilder();
    StringBuilder tones = new StringBuilder();
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        (TONE_MARKS.indexOf(c) >= 0 ? tones : letter).append(c);
      } else {
        flush(out, letter, tones);
        letter.append(c);
      }
    }
    flush(out, letter, tones);
    return out.toString().getBytes(CHARSET);
  }

  private static void flush(StringBuilder out, StringBuilder letter, StringBuilder tones) {
    out.append(Normalizer.normalize(letter, Normalizer.Form.NFC)).append(tones);
    letter.setLength(0);
    tones.setLength(0);
  }
}
