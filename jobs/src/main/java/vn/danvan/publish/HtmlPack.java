package vn.danvan.publish;

import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The review pack as one self-contained HTML page (UTF-8; the five special characters escaped in
 * every text): charts embedded as images, the province's indicators, the league and the outliers as
 * tables. Every text is escaped; a small script records, once the page has loaded, how many images
 * loaded and whether any error occurred (read by the browser test).
 */
final class HtmlPack {

  private HtmlPack() {}

  /**
   * The page.
   *
   * @param charts PNG bytes by chart name, in display order
   * @param extracts the CSV files the pack holds, by file name
   */
  static String of(
      PackData data,
      Labels labels,
      String generated,
      Map<String, byte[]> charts,
      List<String> extracts) {
    TableText text = new TableText(labels);
    String period = PeriodLabels.of(data.period(), labels);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(labels.lang())
        .append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(e(labels.text("pack.title") + " — " + data.provinceName() + " — " + period))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n")
        .append("<script>\n")
        .append(SELF_CHECK)
        .append("</script>\n</head>\n<body>\n<header>\n")
        .append("<h1>")
        .append(e(labels.text("pack.title")))
        .append("</h1>\n")
        .append("<p class=\"sub\">")
        .append(e(labels.text("pack.subtitle", "province", data.provinceName(), "period", period)))
        .append(" · ")
        .append(e(labels.text("pack.basis." + data.basis())))
        .append("</p>\n")
        .append("<p class=\"meta\">")
        .append(e(generated))
        .append("</p>\n</header>\n<main>\n");
    h.append("<h2>")
        .append(e(labels.text("pack.indicators")))
        .append("</h2>\n<table>\n<thead><tr>");
    for (String c :
        List.of("col.indicator", "col.value", "col.interval", "col.target", "col.status")) {
      h.append("<th>").append(e(labels.text(c))).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (PackData.IndicatorRow r : data.indicators()) {
      h.append("<tr><td>")
          .append(e(r.name()))
          .append("</td><td class=\"num\">")
          .append(valueWithUnit(text, r.value(), r.unit(), r.unitLabel()))
          .append("</td><td class=\"num\">")
          .append(e(text.interval(r.ciLow(), r.ciHigh(), r.unit())))
          .append("</td><td class=\"num\">")
          .append(e(text.value(r.target(), r.unit())))
          .append("</td><td class=\"status ")
          .append(e(r.status() == null ? "none" : r.status()))
          .append("\">")
          .append(e(text.status(r.status())))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n<h2>").append(e(labels.text("pack.charts"))).append("</h2>\n");
    for (Map.Entry<String, byte[]> c : charts.entrySet()) {
      h.append("<figure><img alt=\"")
          .append(e(c.getKey()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(c.getValue()))
          .append("\"></figure>\n");
    }
    h.append("<h2>")
        .append(e(labels.text("pack.league")))
        .append(" — ")
        .append(e(labels.text("sat_trend.title")))
        .append("</h2>\n<table>\n<thead><tr>");
    for (String c :
        List.of(
            "col.rank",
            "col.unit",
            "col.value",
            "col.interval",
            "col.quartile",
            "col.vs_province",
            "col.change")) {
      h.append("<th>").append(e(labels.text(c))).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (PackData.LeagueRow r : data.league()) {
      h.append("<tr><td class=\"num\">")
          .append(r.rank() == null ? "–" : r.rank())
          .append("</td><td>")
          .append(e(r.unitName()))
          .append(r.small() ? " <em>(" + e(labels.text("league.small")) + ")</em>" : "")
          .append("</td><td class=\"num\">")
          .append(e(text.value(r.value(), "%")))
          .append("</td><td class=\"num\">")
          .append(e(text.interval(r.ciLow(), r.ciHigh(), "%")))
          .append("</td><td class=\"num\">")
          .append(r.quartile() == null ? "–" : r.quartile())
          .append("</td><td>")
          .append(e(text.versus(r.vsProvince())))
          .append("</td><td class=\"num\">")
          .append(
              e(r.changeVsYearEarlier() == null ? "–" : text.number(r.changeVsYearEarlier(), 1)))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    if (!data.outliers().isEmpty()) {
      h.append("<h2>")
          .append(e(labels.text("pack.outliers")))
          .append("</h2>\n<table>\n<thead><tr>");
      for (String c :
          List.of(
              "col.indicator",
              "col.unit",
              "col.value",
              "col.reference",
              "col.method",
              "col.score")) {
        h.append("<th>").append(e(labels.text(c))).append("</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      for (PackData.OutlierRow o : data.outliers()) {
        h.append("<tr><td>")
            .append(e(o.indicatorName()))
            .append("</td><td>")
            .append(e(o.unitName()))
            .append("</td><td class=\"num\">")
            .append(valueWithUnit(text, o.value(), o.unit(), o.unitLabel()))
            .append("</td><td class=\"num\">")
            .append(valueWithUnit(text, o.reference(), o.unit(), o.unitLabel()))
            .append("</td><td>")
            .append(e(labels.text("outlier." + o.method())))
            .append("</td><td class=\"num\">")
            .append(e(text.number(o.score(), 2)))
            .append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }
    h.append("</main>\n<footer><p>");
    for (String file : extracts) {
      h.append("<a href=\"").append(e(file)).append("\">").append(e(file)).append("</a> · ");
    }
    h.append(
            "<a href=\"review.pdf\">review.pdf</a> · <a href=\"manifest.json\">manifest.json</a></p></footer>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  /** A value in its unit's format, its unit's label after it (a percentage's is in the value). */
  private static String valueWithUnit(TableText text, Double value, String unit, String label) {
    return e(text.value(value, unit))
        + " <span class=\"unit\">"
        + e(label == null || label.equals("%") ? "" : label)
        + "</span>";
  }

  private static String e(String text) {
    return escapeXml10(text == null ? "" : text);
  }

  private static final String CSS =
      """
      body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; margin: 0 auto;
             max-width: 1200px; padding: 24px; color: #222; }
      h1 { font-size: 28px; margin-bottom: 4px; } h2 { font-size: 22px; margin-top: 32px; }
      .sub { font-size: 18px; margin: 0; } .meta { color: #666; font-size: 13px; }
      table { border-collapse: collapse; width: 100%; font-size: 15px; }
      th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; }
      th { background: #f3f3f3; } td.num { text-align: right; white-space: nowrap; }
      .unit { color: #666; font-size: 12px; } td.status.met { color: #117733; }
      td.status.not_met { color: #aa3344; } td.status.insufficient_data { color: #888; }
      figure { margin: 16px 0; } figure img { width: 100%; height: auto; border: 1px solid #eee; }
      footer { margin-top: 32px; font-size: 13px; color: #666; }
      """;

  private static final String SELF_CHECK =
      """
      window.danvanErrors = [];
      window.addEventListener('error', function (e) { window.danvanErrors.push(String(e.message)); });
      window.addEventListener('load', function () {
        var images = Array.prototype.slice.call(document.images);
        var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
        document.documentElement.setAttribute('data-images', loaded + '/' + images.length);
        document.documentElement.setAttribute('data-errors', String(window.danvanErrors.length));
      });
      """;
}
