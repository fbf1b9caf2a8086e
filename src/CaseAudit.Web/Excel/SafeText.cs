using System.Text;

namespace CaseAudit.Web.Excel;

/// What a person typed, made safe to put in a spreadsheet cell: XML 1.0 cannot hold most control
/// characters (a pasted form feed or NUL would make the package unreadable), so they are dropped;
/// tabs and line breaks stay because people use them in evidence. Line breaks become line feeds,
/// as a cell holds them: XML reading turns a lone carriage return into one anyway.
public static class SafeText
{
    // Excel and LibreOffice run a cell typed as =, +, - or @ (or a tab or CR before one) as a
    // formula. Written as text it stays text in the file; these cells also get Excel's quote
    // prefix so editing one in Excel keeps it text too.
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// CSV has no such limit on line breaks, so it keeps carriage returns as typed.
    public static string Clean(string? text, bool keepCarriageReturns = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Nearly all text is plain (no control characters, surrogates or U+FFFE/F): one vectorised
        // scan says so, which matters at a hundred thousand rows of evidence.
        if (text.AsSpan().IndexOfAnyExceptInRange(' ', '\uD7FF') < 0)
        {
            return text;
        }

        if (!keepCarriageReturns && text.Contains('\r'))
        {
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        }

        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAllowed(text, i) && !(keepCarriageReturns && text[i] == '\r'))
            {
                firstBad = i;
                break;
            }
        }

        if (firstBad < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsAllowed(text, i) || (keepCarriageReturns && text[i] == '\r'))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    // XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    // A surrogate is allowed only as half of a well-formed pair; #xFFFE and #xFFFF never.
    private static bool IsAllowed(string text, int i)
    {
        var c = text[i];
        if (c is '\t' or '\n')
        {
            return true;
        }

        if (c < '\u0020' || c is '\uFFFE' or '\uFFFF')
        {
            return false;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return true;
    }
}
