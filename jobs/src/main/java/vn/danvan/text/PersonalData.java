package vn.danvan.text;

import java.util.regex.Pattern;

/** Keeps phone numbers out of free text that reaches silver: they are masked where they appear. */
public final class PersonalData {

  /** What a masked phone number reads as. */
  public static final String PHONE_MASK = "[SĐT]";

  // Vietnamese numbers: 0 or +84/84, then 9 or 10 digits, optionally grouped by spaces, dots,
  // dashes.
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\d])(?:\\+?84|0)(?:[ .\\-]?\\d){8,10}(?![\\d])");

  private PersonalData() {}

  /** {@code text} with every phone number masked; null stays null. */
  public static String maskPhones(String text) {
    return text == null ? null : PHONE.matcher(text).replaceAll(PHONE_MASK);
  }
}
