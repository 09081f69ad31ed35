package vn.danvan.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells whether words are well-formed Vietnamese syllables: an initial consonant, a vowel nucleus
 * Vietnamese has, a final consonant, at most one tone mark. Used to tell legacy-encoded text from
 * Unicode text.
 */
final class VietnameseSyllables {

  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";
  private static final Pattern SYLLABLE =
      Pattern.compile(
          "(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
              + "(oai|oao|oay|oeo|iêu|uây|uôi|ươi|ươu|uya|uyê|uyu|yêu"
              + "|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy"
              + "|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
              + "(ch|ng|nh|[cmnpt])?");
  private static final Pattern WORD = Pattern.compile("[^\\p{L}]+");

  private VietnameseSyllables() {}

  /**
   * Valid words minus invalid words, counting only words with a character outside ASCII (the only
   * ones a legacy encoding changes).
   */
  static int score(String text) {
    int score = 0;
    for (String word : WORD.split(text)) {
      if (!word.isEmpty() && !word.chars().allMatch(c -> c < 128)) {
        score += isSyllable(word) ? 1 : -1;
      }
    }
    return score;
  }

  /** True when {@code word} is one well-formed Vietnamese syllable. */
  static boolean isSyllable(String word) {
    String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    StringBuilder toneless = new StringBuilder();
    int tones = 0;
    for (char c : decomposed.toCharArray()) {
      if (TONES.indexOf(c) >= 0) {
        tones++;
      } else {
        toneless.append(c);
      }
    }
    String base = Normalizer.normalize(toneless, Normalizer.Form.NFC);
    return tones <= 1 && SYLLABLE.matcher(base).matches();
  }
}
