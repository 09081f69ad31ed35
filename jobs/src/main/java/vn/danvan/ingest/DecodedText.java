package vn.danvan.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a CSV file and the encoding it was read with: UTF-8 (with or without BOM), UTF-16 (as
 * Excel saves "Unicode text"), or Windows-1258 when the bytes are not UTF-8.
 *
 * @param text the decoded text, BOM removed
 * @param encoding the encoding's name
 */
public record DecodedText(String text, String encoding) {

  private static final Charset WINDOWS_1258 = Charset.forName("windows-1258");

  /** Decodes {@code bytes}, telling the encoding from a BOM or from what the bytes allow. */
  public static DecodedText decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new DecodedText(
          new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), "UTF-8 (BOM)");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new DecodedText(
          new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new DecodedText(
          new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
    }
    if (looksLikeUtf16Le(bytes)) {
      return new DecodedText(new String(bytes, StandardCharsets.UTF_16LE), "UTF-16LE");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new DecodedText(text, "UTF-8");
    } catch (CharacterCodingException notUtf8) {
      return new DecodedText(new String(bytes, WINDOWS_1258), "windows-1258");
    }
  }

  /** True when the bytes hold NUL bytes outside text encodings: the file is binary. */
  public static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 4096);
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        zeros++;
      }
    }
    return zeros > 0
        && !looksLikeUtf16Le(bytes)
        && !startsWith(bytes, 0xFF, 0xFE)
        && !startsWith(bytes, 0xFE, 0xFF);
  }

  private static boolean looksLikeUtf16Le(byte[] bytes) {
    int n = Math.min(bytes.length, 512) & ~1;
    if (n < 4) {
      return false;
    }
    int oddZeros = 0;
    int evenZeros = 0;
    for (int i = 0; i < n; i += 2) {
      evenZeros += bytes[i] == 0 ? 1 : 0;
      oddZeros += bytes[i + 1] == 0 ? 1 : 0;
    }
    return oddZeros > n / 4 && evenZeros < n / 40;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
