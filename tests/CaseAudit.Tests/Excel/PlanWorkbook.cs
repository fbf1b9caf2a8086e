using System.IO.Compression;
using CaseAudit.Web.Data;
using CaseAudit.Web.Excel;
using ClosedXML.Excel;

namespace CaseAudit.Tests.Excel;

/// A learning-summary workbook as the board would edit it: opened with ClosedXML, changed on
/// the Action plan sheet, saved again. Rows 4, 5, 6... hold the actions in export order.
public static class PlanWorkbook
{
    public const int FirstRow = 4;

    public static byte[] Edit(byte[] exported, Action<IXLWorksheet> change) => EditBook(exported, book => change(book.Worksheet(LearningSummaryWorkbook.ActionPlanSheet)));

    public static byte[] EditBook(byte[] exported, Action<XLWorkbook> change)
    {
        using var book = new XLWorkbook(new MemoryStream(exported));
        change(book);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    public static void Set(IXLWorksheet sheet, int row, string? rag = null, string? position = null)
    {
        if (rag is not null)
        {
            sheet.Cell(row, LearningSummaryWorkbook.ActionPlanRagColumn).SetValue<string>(rag);
        }

        if (position is not null)
        {
            sheet.Cell(row, LearningSummaryWorkbook.ActionPlanPositionColumn).SetValue<string>(position);
        }
    }

    public static void SetIdentity(XLWorkbook book, string name, string? value)
    {
        book.CustomProperties.Delete(name);
        if (value is not null)
        {
            book.CustomProperties.Add(name, value);
        }
    }

    /// A zip whose one entry unpacks to far more than any real workbook, from a few KB.
    public static byte[] ZipBomb()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++)
            {
                entry.Write(zeros);
            }
        }

        return output.ToArray();
    }

    /// A Word document's package renamed .xlsx: a valid zip, not a workbook.
    public static byte[] WordDocument()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(xml);
            }

            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            Add("word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Minutes</w:t></w:r></w:p></w:body></w:document>""");
        }

        return output.ToArray();
    }

    public static Actor Exporter => new(null, "test");
}
