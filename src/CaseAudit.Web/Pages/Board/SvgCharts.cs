using System.Globalization;
using System.Text;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Pages.Board;

/// Charts for the board, drawn on the server as inline SVG. Plain strings with every label
/// XML-escaped; colours are presentation attributes (fill=, stroke=) and fonts come from classes
/// in site.css, because the Content-Security-Policy forbids inline styles. Each chart is an image
/// with a title and description, and the page always follows it with a table of the same numbers.
public static class SvgCharts
{
    // GOV.UK Design System colours, best option first. Each is at least 3:1 against white
    // (WCAG 1.4.11), and neighbours differ in hue as well as lightness.
    public static readonly IReadOnlyList<string> Palette =
        ["#00703c", "#1d70b8", "#4c2c92", "#d4351c", "#505a5f", "#912b88", "#0b0c0c", "#b58840", "#d53880", "#003078"];

    // Heat map shading by good-or-better rate, lowest band first, with a text colour that keeps
    // at least 4.5:1 contrast on each shade.
    public static readonly IReadOnlyList<(int From, string Fill, string Text)> HeatBands =
    [
        (0, "#f4f8fb", "#0b0c0c"),
        (20, "#d2e2f1", "#0b0c0c"),
        (40, "#8eb8dc", "#0b0c0c"),
        (60, "#1d70b8", "#ffffff"),
        (80, "#003078", "#ffffff"),
    ];

    public const string NoDataFill = "#ffffff";
    public const string NoDataText = "#505a5f";

    private const int LabelWidth = 320;
    private const int BarWidth = 380;
    private const int ValueWidth = 140;
    private const int RowHeight = 28;
    private const int BarHeight = 18;

    /// Horizontal 100% stacked bars, one per row (question), a segment per scale option in scale
    /// order. A row with no grades gets no bar, only the words "No grades".
    public static string StackedBars(string id, string title, string description, IReadOnlyList<Finding> rows, GradingScale scale)
    {
        var width = LabelWidth + BarWidth + ValueWidth;
        var legendTop = (rows.Count * RowHeight) + 16;
        var height = legendTop + (scale.Options.Count * 24) + 8;
        var svg = Open(id, title, description, width, height);

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var d = row.Distribution;
            var y = r * RowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"app-chart__bar\" data-key=\"{Esc(row.Key)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"0\" y=\"{y + 14}\"><title>{Esc(row.Label)}</title>{Esc(Shorten(row.Label, 44))}</text>");
            double x = LabelWidth;
            if (d.N > 0)
            {
                for (var o = 0; o < d.Counts.Count; o++)
                {
                    var count = d.Counts[o];
                    if (count.Count == 0)
                    {
                        continue;
                    }

                    var w = (double)count.Count / d.N * BarWidth;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"app-chart__segment\" x=\"{x:0.##}\" y=\"{y + 2}\" width=\"{w:0.##}\" height=\"{BarHeight}\" fill=\"{Colour(o)}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Esc(count.Option)}: {count.Count} of {d.N}</title></rect>");
                    x += w;
                }
            }

            var value = d.GoodOrBetterRate is { } rate ? $"{Percent.Format(rate)} (n = {d.N})" : "No grades";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__value\" x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 14}\">{Esc(value)}</text>");
            svg.Append("</g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"app-chart__legend\" transform=\"translate(0 {legendTop})\">");
        for (var o = 0; o < scale.Options.Count; o++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{o * 24}\" width=\"16\" height=\"16\" fill=\"{Colour(o)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"24\" y=\"{(o * 24) + 13}\">{Esc(scale.Options[o])}</text>");
        }

        svg.Append("</g></svg>");
        return svg.ToString();
    }

    private const int HeatLabelWidth = 300;
    private const int CellWidth = 52;
    private const int CellHeight = 36;
    private const int HeaderHeight = 24;

    // Space between the agencies and the panel's row, with a rule across it, so the panel's
    // agreed grades never read as one more agency.
    private const int PanelGap = 16;

    /// Agencies down, JTAI points across: each cell shaded by its good-or-better rate with the
    /// percentage printed in it; a cell without grades is white, outlined with a dashed line and
    /// says "no data". The panel's agreed grades, when there are any, are a last row set apart
    /// below a rule and labelled as the panel's.
    public static string HeatMapChart(string id, string title, string description, HeatMap map)
    {
        var width = HeatLabelWidth + (map.Points.Count * CellWidth) + 4;
        var panelTop = HeaderHeight + (map.Rows.Count * CellHeight) + PanelGap;
        var legendTop = (map.Panel is null ? HeaderHeight + (map.Rows.Count * CellHeight) : panelTop + CellHeight) + 20;
        var height = legendTop + ((HeatBands.Count + 1) * 24) + 8;
        var svg = Open(id, title, description, width, height);

        svg.Append("<g class=\"app-chart__header\">");
        for (var c = 0; c < map.Points.Count; c++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"{HeatLabelWidth + (c * CellWidth) + (CellWidth / 2)}\" y=\"16\" text-anchor=\"middle\">{map.Points[c]}</text>");
        }

        svg.Append("</g>");
        for (var r = 0; r < map.Rows.Count; r++)
        {
            HeatRow(svg, map, map.Rows[r], HeaderHeight + (r * CellHeight), "app-chart__heat-row");
        }

        if (map.Panel is { } panel)
        {
            var rule = panelTop - (PanelGap / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"app-chart__rule\" x1=\"0\" y1=\"{rule}\" x2=\"{width}\" y2=\"{rule}\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>");
            HeatRow(svg, map, panel, panelTop, "app-chart__heat-row app-chart__heat-row--panel");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"app-chart__legend\" transform=\"translate(0 {legendTop})\">");
        for (var b = 0; b < HeatBands.Count; b++)
        {
            var to = b + 1 < HeatBands.Count ? $"{HeatBands[b + 1].From - 1}%" : "100%";
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{b * 24}\" width=\"16\" height=\"16\" fill=\"{HeatBands[b].Fill}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"24\" y=\"{(b * 24) + 13}\">{HeatBands[b].From}% to {to} good or better</text>");
        }

        var last = HeatBands.Count * 24;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{last}\" width=\"16\" height=\"16\" fill=\"{NoDataFill}\" stroke=\"{NoDataText}\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"24\" y=\"{last + 13}\">No data: no grades for this agency on this point</text>");
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    private static void HeatRow(StringBuilder svg, HeatMap map, HeatMapRow row, int y, string rowClass)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{rowClass}\" data-key=\"{Esc(row.AgencyId)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__label\" x=\"0\" y=\"{y + 22}\"><title>{Esc(row.Label)}</title>{Esc(Shorten(row.Label, 40))}</text>");
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var cell = row.Cells[c];
            var x = HeatLabelWidth + (c * CellWidth);
            var cx = x + (CellWidth / 2);
            if (cell.GoodOrBetterRate is { } rate)
            {
                var band = Band(rate);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"app-chart__cell\" x=\"{x + 1}\" y=\"{y + 1}\" width=\"{CellWidth - 2}\" height=\"{CellHeight - 2}\" fill=\"{band.Fill}\" stroke=\"#b1b4b6\" stroke-width=\"1\"><title>{Esc(row.Label)}, JTAI point {map.Points[c]}: {Esc(cell.Describe())}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__cell-value\" x=\"{cx}\" y=\"{y + 23}\" text-anchor=\"middle\" fill=\"{band.Text}\">{Percent.Format(rate)}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"app-chart__cell app-chart__cell--no-data\" x=\"{x + 1}\" y=\"{y + 1}\" width=\"{CellWidth - 2}\" height=\"{CellHeight - 2}\" fill=\"{NoDataFill}\" stroke=\"{NoDataText}\" stroke-width=\"1\" stroke-dasharray=\"3 3\"><title>{Esc(row.Label)}, JTAI point {map.Points[c]}: no data</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"app-chart__cell-none\" x=\"{cx}\" y=\"{y + 22}\" text-anchor=\"middle\" fill=\"{NoDataText}\">no data</text>");
            }
        }

        svg.Append("</g>");
    }

    public static string Colour(int option) => Palette[option % Palette.Count];

    public static (int From, string Fill, string Text) Band(double rate)
    {
        var percent = Percent.Whole(rate);
        return HeatBands.Last(b => percent >= b.From);
    }

    public static string Esc(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab and newlines are not allowed in XML 1.0.
                    if (!char.IsControl(ch) || ch is '\t' or '\n' or '\r')
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" id=\"{Esc(id)}\" role=\"img\" aria-labelledby=\"{Esc(id)}-title {Esc(id)}-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Esc(id)}-title\">{Esc(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Esc(id)}-desc\">{Esc(description)}</desc>");
        return svg;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
