package vn.danvan.text;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Text typed in the legacy Vietnamese font encodings and later read as Latin-1, converted back:
 * TCVN3 (".VnTime": "Lµo Cai", "B¶o Yªn") and VNI ("Laøo Cai", "Baûo Yeân"). A cell is converted
 * only when the conversion reads as Vietnamese where the text as it is does not.
 */
public final class LegacyVietnamese {

  /** TCVN3 (TCVN 5712:1993, VN3): byte value → letter. */
  private static final String TCVN3_FROM =
      "\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE"
          + "\u00B5\u00B6\u00B7\u00B8\u00B9\u00BB\u00BC\u00BD\u00BE\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB"
          + "\u00CC\u00CE\u00CF\u00D0\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u00D7\u00D8\u00DC\u00DD\u00DE"
          + "\u00DF\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE"
          + "\u00EF\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u00FD\u00FE";

  private static final String TCVN3_TO =
      "ĂÂÊÔƠƯĐăâêôơưđ"
          + "àảãáạằẳẵắặầẩẫấậ"
          + "èẻẽéẹềểễếệìỉĩíị"
          + "òỏõóọồổỗốộờởỡớợ"
          + "ùủũúụừửữứựỳỷỹýỵ";

  /** The Latin-1 letters Vietnamese Unicode text uses. */
  private static final String VIETNAMESE_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

  private static final Map<Character, Character> TCVN3 = new HashMap<>();
  private static final Map<String, String> VNI = vniTable();
  private static final int VNI_LONGEST = 2;

  static {
    for (int i = 0; i < TCVN3_FROM.length(); i++) {
      TCVN3.put(TCVN3_FROM.charAt(i), TCVN3_TO.charAt(i));
    }
  }

  private LegacyVietnamese() {}

  /**
   * {@code text} converted to Unicode when it is legacy-encoded, otherwise as it is; NFC either
   * way. Of the text as it is, its TCVN3 reading and its VNI reading, the one whose words are most
   * often valid Vietnamese syllables wins; a tie keeps the text as it is (composed to NFC).
   */
  public static String repair(String text) {
    if (text == null) {
      return null;
    }
    // Windows-1258 text arrives with separate tone marks: compare composed forms.
    String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
    if (!hasLegacyCharacters(composed)) {
      return composed;
    }
    String best = composed;
    int bestScore = VietnameseSyllables.score(composed);
    for (String candidate : new String[] {fromTcvn3(composed), fromVni(composed)}) {
      String nfc = Normalizer.normalize(candidate, Normalizer.Form.NFC);
      int score = VietnameseSyllables.score(nfc);
      if (score > bestScore) {
        best = nfc;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * True when {@code text} has a Latin-1 character that Vietnamese Unicode text does not use:
   * Unicode Vietnamese only takes à á â ã è é ê ì í ò ó ô õ ù ú ý (and capitals) from that range,
   * while TCVN3 and VNI text always carries others (µ ¶ © ß, ø û ö ñ …).
   */
  private static boolean hasLegacyCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u00A1' && c <= '\u00FE' && VIETNAMESE_LATIN1.indexOf(c) < 0) {
        return true;
      }
    }
    return false;
  }

  private static String fromTcvn3(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(TCVN3.getOrDefault(c, c));
    }
    return out.toString();
  }

  /** {@code text} as TCVN3 would show it once read as Latin-1: the inverse of the TCVN3 reading. */
  public static String toTcvn3(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : Normalizer.normalize(text, Normalizer.Form.NFC).toCharArray()) {
      int i = TCVN3_TO.indexOf(c);
      out.append(i >= 0 ? TCVN3_FROM.charAt(i) : c);
    }
    return out.toString();
  }

  /** True when {@code text} needs {@link #repair}. */
  public static boolean isLegacy(String text) {
    return text != null && !repair(text).equals(text);
  }

  private static String fromVni(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      String match = null;
      for (int len = Math.min(VNI_LONGEST, text.length() - i); len >= 1 && match == null; len--) {
        match = VNI.get(text.substring(i, i + len)) == null ? null : text.substring(i, i + len);
      }
      if (match != null) {
        out.append(VNI.get(match));
        i += match.length();
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** VNI sequences (base letter and modifier byte, or one byte) → Unicode letters. */
  private static Map<String, String> vniTable() {
    Map<String, String> t = new HashMap<>();
    // Tones on plain vowels: acute ù, grave ø, hook û, tilde õ, dot ï.
    String[] tones = {"ù", "ø", "û", "õ", "ï"};
    String[] plain = {"áàảãạ", "éèẻẽẹ", "óòỏõọ", "úùủũụ", "ýỳỷỹỵ"};
    String vowels = "aeouy";
    for (int v = 0; v < vowels.length(); v++) {
      for (int t1 = 0; t1 < 5; t1++) {
        put(t, vowels.charAt(v) + tones[t1], plain[v].substring(t1, t1 + 1));
      }
    }
    // Circumflex: "aâ" = â; with tones á à å ã ä.
    String[] hatTones = {"á", "à", "å", "ã", "ä"};
    String[][] hats = {{"a", "âấầẩẫậ"}, {"e", "êếềểễệ"}, {"o", "ôốồổỗộ"}};
    for (String[] h : hats) {
      put(t, h[0] + "â", h[1].substring(0, 1));
      for (int t1 = 0; t1 < 5; t1++) {
        put(t, h[0] + hatTones[t1], h[1].substring(t1 + 1, t1 + 2));
      }
    }
    // Breve: "aê" = ă; with tones é è ú ü ë.
    String[] breveTones = {"é", "è", "ú", "ü", "ë"};
    put(t, "aê", "ă");
    for (int t1 = 0; t1 < 5; t1++) {
      put(t, "a" + breveTones[t1], "ắằẳẵặ".substring(t1, t1 + 1));
    }
    // Horn letters are single bytes: ơ = ô, ư = ö; then plain tones.
    put(t, "ô", "ơ");
    put(t, "ö", "ư");
    for (int t1 = 0; t1 < 5; t1++) {
      put(t, "ô" + tones[t1], "ớờởỡợ".substring(t1, t1 + 1));
      put(t, "ö" + tones[t1], "ứừửữự".substring(t1, t1 + 1));
    }
    // i and the dotted y, and đ, are single bytes.
    put(t, "í", "í");
    put(t, "ì", "ì");
    put(t, "æ", "ỉ");
    put(t, "ó", "ĩ");
    put(t, "ò", "ị");
    put(t, "î", "ỵ");
    put(t, "ñ", "đ");
    return t;
  }

  /** Adds a lower-case sequence and its upper-case form. */
  private static void put(Map<String, String> table, String vni, String unicode) {
    table.put(vni, unicode);
    table.put(vni.toUpperCase(java.util.Locale.ROOT), unicode.toUpperCase(java.util.Locale.ROOT));
  }
}
