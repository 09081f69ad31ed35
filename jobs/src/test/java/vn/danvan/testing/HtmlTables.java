package vn.danvan.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/** The tables of a review pack's page as text, for tests to compare row by row. */
public final class HtmlTables {

  private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

  private HtmlTables() {}

  /**
   * The rows of the first table after {@code heading} in {@code html}, header first, each row's
   * cells as their text (tags dropped, entities read, spaces folded) joined by " | ".
   */
  public static List<String> rows(String html, String heading) {
    int at = html.indexOf(heading);
    if (at < 0) {
      throw new AssertionError("No heading '" + heading + "' in the page");
    }
    String table = html.substring(at, html.indexOf("</table>", at));
    List<String> rows = new ArrayList<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      List<String> cells = new ArrayList<>();
      Matcher cell = CELL.matcher(row.group(1));
      while (cell.find()) {
        String text = cell.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
        cells.add(StringEscapeUtils.unescapeXml(text));
      }
      rows.add(String.join(" | ", cells));
    }
    return rows;
  }
}
