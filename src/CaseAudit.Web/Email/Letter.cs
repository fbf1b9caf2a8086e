using System.Net;
using System.Text;

namespace CaseAudit.Web.Email;

/// An email's words, in plain text and simple HTML from the same parts. A letter carries no
/// child-level content: round titles, counts, dates, a case reference at most, and links.
public sealed record Letter(string Subject, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items, string LinkText, string Link, string Why)
{
    public string Text(string name)
    {
        var text = new StringBuilder();
        text.Append($"Dear {name},\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        foreach (var item in Items)
        {
            text.Append("* ").Append(item).Append('\n');
        }

        if (Items.Count > 0)
        {
            text.Append('\n');
        }

        text.Append($"{LinkText}: {Link}\n\n");
        text.Append("-- \n").Append(Why).Append('\n');
        return text.ToString();
    }

    public string Html(string name)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>").Append(E(Subject)).Append("</title></head>\n");
        html.Append("<body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;\">\n");
        html.Append("<p>Dear ").Append(E(name)).Append(",</p>\n");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>\n");
        }

        if (Items.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var item in Items)
            {
                html.Append("<li>").Append(E(item)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<p><a href=\"").Append(E(Link)).Append("\" style=\"color: #1d70b8;\">").Append(E(LinkText)).Append("</a></p>\n");
        html.Append("<hr>\n<p style=\"font-size: 14px; color: #505a5f;\">").Append(E(Why)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }
}
